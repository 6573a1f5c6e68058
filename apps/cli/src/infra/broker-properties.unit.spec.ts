import { describe, expect, it } from 'vitest';
import { clusterNodePorts, renderBrokerProperties, renderLog4jProperties, replicationDefaults } from './broker-properties';

function parse(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe(renderBrokerProperties.name, () => {
  describe('when rendering a single-node KRaft broker', () => {
    const properties = parse(
      renderBrokerProperties({ host: '127.0.0.1', port: 9092, controllerPort: 9093, dataDir: '/srv/kafka/data' }),
    );

    it('runs broker and controller in one process on separate listeners', () => {
      expect(properties).toMatchObject({
        'process.roles': 'broker,controller',
        'node.id': '1',
        'controller.quorum.voters': '1@127.0.0.1:9093',
        listeners: 'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
        'advertised.listeners': 'PLAINTEXT://127.0.0.1:9092',
        'log.dirs': '/srv/kafka/data',
      });
    });

    it('keeps one copy of everything, as there is nowhere to put a second', () => {
      expect(properties).toMatchObject({
        'default.replication.factor': '1',
        'min.insync.replicas': '1',
        'offsets.topic.replication.factor': '1',
        'transaction.state.log.replication.factor': '1',
        'transaction.state.log.min.isr': '1',
      });
    });

    it('never auto-creates topics and leaves retention to each topic', () => {
      expect(properties['auto.create.topics.enable']).toBe('false');
      expect(properties).not.toHaveProperty('log.retention.ms');
    });
  });

  describe('when rendering node 2 of a 3-node cluster', () => {
    const voters = clusterNodePorts(3, 19092).map(({ nodeId, controllerPort }) => ({
      nodeId,
      host: '127.0.0.1',
      controllerPort,
    }));
    const properties = parse(
      renderBrokerProperties({
        host: '127.0.0.1',
        port: 19094,
        controllerPort: 19095,
        dataDir: '/srv/cluster/node-2/data',
        nodeId: 2,
        voters,
      }),
    );

    it('is broker and controller with its own id, listeners and data folder', () => {
      expect(properties).toMatchObject({
        'process.roles': 'broker,controller',
        'node.id': '2',
        listeners: 'PLAINTEXT://127.0.0.1:19094,CONTROLLER://127.0.0.1:19095',
        'advertised.listeners': 'PLAINTEXT://127.0.0.1:19094',
        'log.dirs': '/srv/cluster/node-2/data',
      });
    });

    it('votes in a controller quorum of all three nodes', () => {
      expect(properties['controller.quorum.voters']).toBe('1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097');
    });

    it('keeps three copies of every topic and acknowledges writes once two have them', () => {
      expect(properties).toMatchObject({
        'default.replication.factor': '3',
        'min.insync.replicas': '2',
        'offsets.topic.replication.factor': '3',
        'transaction.state.log.replication.factor': '3',
        'transaction.state.log.min.isr': '2',
      });
    });

    it('renders the same quorum and defaults on every node', () => {
      const shared = (nodeId: number): Record<string, string> => {
        const { port, controllerPort } = clusterNodePorts(3, 19092)[nodeId - 1]!;
        const all = parse(
          renderBrokerProperties({ host: '127.0.0.1', port, controllerPort, dataDir: `/d/${nodeId}`, nodeId, voters }),
        );
        const { 'node.id': _id, listeners: _l, 'advertised.listeners': _a, 'log.dirs': _d, ...rest } = all;
        return rest;
      };
      expect(shared(1)).toEqual(shared(2));
      expect(shared(3)).toEqual(shared(2));
    });
  });

  describe('when the node is not in the quorum', () => {
    it('refuses to render a node that could never join', () => {
      expect(() =>
        renderBrokerProperties({
          host: '127.0.0.1',
          port: 19098,
          controllerPort: 19099,
          dataDir: '/d/4',
          nodeId: 4,
          voters: [{ nodeId: 1, host: '127.0.0.1', controllerPort: 19093 }],
        }),
      ).toThrow('Node 4 is not one of the controller quorum voters 1@127.0.0.1:19093');
    });

    it('refuses a quorum with two voters of one id', () => {
      expect(() =>
        renderBrokerProperties({
          host: '127.0.0.1',
          port: 19092,
          controllerPort: 19093,
          dataDir: '/d/1',
          nodeId: 1,
          voters: [
            { nodeId: 1, host: '127.0.0.1', controllerPort: 19093 },
            { nodeId: 1, host: '127.0.0.1', controllerPort: 19095 },
          ],
        }),
      ).toThrow(/duplicate node ids/);
    });
  });
});

describe(replicationDefaults.name, () => {
  it.each([
    [1, 1, 1],
    [2, 2, 1],
    [3, 3, 2],
    [5, 3, 2],
  ])('gives %i node(s) replication factor %i and min.insync.replicas %i', (size, replicationFactor, minInsyncReplicas) => {
    expect(replicationDefaults(size)).toEqual({ replicationFactor, minInsyncReplicas });
  });

  it('rejects sizes that are not a small whole number', () => {
    expect(() => replicationDefaults(0)).toThrow(/1 to 9 brokers, got 0/);
    expect(() => replicationDefaults(2.5)).toThrow(/got 2.5/);
    expect(() => replicationDefaults(10)).toThrow(/got 10/);
  });
});

describe(clusterNodePorts.name, () => {
  describe('when laying out three nodes from the default base port', () => {
    it('gives each node a client port and the controller port after it, clear of 9092/9093', () => {
      expect(clusterNodePorts(3, 19092)).toEqual([
        { nodeId: 1, port: 19092, controllerPort: 19093 },
        { nodeId: 2, port: 19094, controllerPort: 19095 },
        { nodeId: 3, port: 19096, controllerPort: 19097 },
      ]);
    });
  });

  describe('when the ports would run past 65535', () => {
    it('names the range it needs', () => {
      expect(() => clusterNodePorts(3, 65_532)).toThrow('A 3-broker cluster needs ports 65532..65537');
    });
  });
});

describe(renderLog4jProperties.name, () => {
  it('writes broker logs to the given file', () => {
    expect(parse(renderLog4jProperties('/srv/kafka/logs/server.log'))).toMatchObject({
      'log4j.rootLogger': 'INFO, file',
      'log4j.appender.file.File': '/srv/kafka/logs/server.log',
    });
  });
});
