import { describe, expect, it } from 'vitest';
import { renderBrokerProperties, renderLog4jProperties } from './broker-properties';

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

    it('never auto-creates topics and leaves retention to each topic', () => {
      expect(properties['auto.create.topics.enable']).toBe('false');
      expect(properties).not.toHaveProperty('log.retention.ms');
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
