import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterNodePorts } from './broker-properties';
import { KafkaCluster, kafkaClusterOptionsFromEnv } from './kafka-cluster';

describe(KafkaCluster.name, () => {
  let stateDir: string;

  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'kafka-cluster-spec-'));
  });

  afterEach(() => {
    rmSync(stateDir, { recursive: true, force: true });
  });

  /** A cluster as the first `infra up --brokers 3` leaves it: layout recorded, node 1's storage formatted. */
  function givenFormattedCluster(): void {
    const layout = { clusterId: 'AAAAAAAAAAAAAAAAAAAAAA', host: '127.0.0.1', nodes: clusterNodePorts(3, 19092) };
    writeFileSync(join(stateDir, 'cluster.json'), JSON.stringify(layout));
    mkdirSync(join(stateDir, 'node-1', 'data'), { recursive: true });
    writeFileSync(join(stateDir, 'node-1', 'data', 'meta.properties'), `cluster.id=${layout.clusterId}\nnode.id=1\n`);
  }

  describe('when no cluster was ever set up in its folder', () => {
    it('reports it stopped, with no nodes, without starting anything', async () => {
      const status = await new KafkaCluster({ stateDir }).status();
      expect(status).toEqual({ state: 'stopped', stateDir, brokers: [], nodes: [] });
    });

    it('has nothing to stop', async () => {
      expect(await new KafkaCluster({ stateDir }).stop()).toMatchObject({ stopped: false, nodes: [] });
    });
  });

  describe('when a formatted cluster is asked to start with another layout', () => {
    beforeEach(givenFormattedCluster);

    it('refuses other ports, naming the recorded layout and how to start over', async () => {
      await expect(new KafkaCluster({ stateDir, basePort: 29092 }).ensureStarted()).rejects.toThrow(
        `was set up as 3 brokers on 127.0.0.1:19092/19093, 127.0.0.1:19094/19095, 127.0.0.1:19096/19097; ` +
          `asked for 3 brokers on 127.0.0.1:29092/29093`,
      );
    });

    it('refuses another size, as the quorum is formatted into every store', async () => {
      await expect(new KafkaCluster({ stateDir, size: 5 }).ensureStarted()).rejects.toThrow(/asked for 5 brokers/);
    });

    it('finds its recorded nodes, and no others', () => {
      const cluster = new KafkaCluster({ stateDir });
      expect(cluster.node(2)).toMatchObject({ nodeId: 2, port: 19094, controllerPort: 19095 });
      expect(() => cluster.node(4)).toThrow(`No node 4 in the local cluster at ${stateDir}`);
    });
  });
});

describe(kafkaClusterOptionsFromEnv.name, () => {
  it('reads the base port and the java of JAVA_HOME', () => {
    expect(kafkaClusterOptionsFromEnv({ CHRONICLE_KAFKA_CLUSTER_PORT: '29092', JAVA_HOME: '/opt/jdk' })).toEqual({
      basePort: 29092,
      javaCommand: '/opt/jdk/bin/java',
    });
  });

  it('names the setting when the port is not a port', () => {
    expect(() => kafkaClusterOptionsFromEnv({ CHRONICLE_KAFKA_CLUSTER_PORT: 'high' })).toThrow(
      'CHRONICLE_KAFKA_CLUSTER_PORT must be a TCP port number, got "high"',
    );
  });
});
