import { ConfigSource } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KafkaSettings } from './kafka-settings';
import { raisedTopicConfig, topicConfigEntries } from './topic-provisioner';

const settings: KafkaSettings = {
  brokers: [],
  clientId: 'test',
  topicPrefix: '',
  partitions: 1,
  replicationFactor: 1,
  maxWaitMs: 100,
  sessionTimeoutMs: 6000,
  maxMessageBytes: 5_000_000,
};

describe(topicConfigEntries.name, () => {
  describe('when a topic is created', () => {
    it('accepts the publisher limit plus framing headroom, and keeps the log of record forever', () => {
      expect(topicConfigEntries('articles', settings)).toEqual([
        { name: 'retention.ms', value: '-1' },
        { name: 'max.message.bytes', value: String(5_000_000 + 1_048_576) },
      ]);
      expect(topicConfigEntries('alerts', settings)).toEqual([
        { name: 'max.message.bytes', value: String(5_000_000 + 1_048_576) },
      ]);
    });
  });
});

describe(raisedTopicConfig.name, () => {
  const entry = (configName: string, configValue: string, configSource: ConfigSource) => ({
    configName,
    configValue,
    configSource,
  });

  describe('when the topic already accepts the size', () => {
    it('changes nothing', () => {
      expect(raisedTopicConfig([entry('max.message.bytes', '9000000', ConfigSource.TOPIC_CONFIG)], 6_000_000)).toBeNull();
    });
  });

  describe('when the topic accepts less (the broker default, or an older limit)', () => {
    it('raises it and sends back every other override of the topic, so retention is not lost', () => {
      expect(
        raisedTopicConfig(
          [
            entry('max.message.bytes', '1048588', ConfigSource.DEFAULT_CONFIG),
            entry('retention.ms', '-1', ConfigSource.TOPIC_CONFIG),
            entry('cleanup.policy', 'delete', ConfigSource.DEFAULT_CONFIG),
            entry('segment.bytes', '1073741824', ConfigSource.STATIC_BROKER_CONFIG),
          ],
          6_000_000,
        ),
      ).toEqual([
        { name: 'retention.ms', value: '-1' },
        { name: 'max.message.bytes', value: '6000000' },
      ]);
    });
  });
});
