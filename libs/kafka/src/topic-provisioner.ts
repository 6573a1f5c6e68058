import { RETAINED_FOREVER, TOPICS, TopicKey, topicName } from '@chronicle/contracts';
import { Admin, ConfigResourceTypes, ConfigSource, Kafka } from 'kafkajs';
import { retryWhileTransient } from './failure-classification';
import { KafkaSettings, topicMaxMessageBytes } from './kafka-settings';

const MAX_MESSAGE_BYTES = 'max.message.bytes';

/** The topic-level settings Chronicle creates a topic with. */
export function topicConfigEntries(key: TopicKey, settings: KafkaSettings): Array<{ name: string; value: string }> {
  return [
    ...(RETAINED_FOREVER.includes(key) ? [{ name: 'retention.ms', value: '-1' }] : []),
    { name: MAX_MESSAGE_BYTES, value: String(topicMaxMessageBytes(settings)) },
  ];
}

/**
 * The full set of topic overrides to send when raising `max.message.bytes` on an existing topic,
 * or `null` when it already accepts `required` bytes. The AlterConfigs API kafkajs speaks replaces
 * every override of the topic, so the ones already set (`retention.ms=-1` on the log of record)
 * must be sent again or they would be lost.
 */
export function raisedTopicConfig(
  current: ReadonlyArray<{ configName: string; configValue: string | null; configSource: ConfigSource }>,
  required: number,
): Array<{ name: string; value: string }> | null {
  const present = current.find((entry) => entry.configName === MAX_MESSAGE_BYTES);
  if (present && Number(present.configValue) >= required) return null;
  return [
    ...current
      .filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG && entry.configName !== MAX_MESSAGE_BYTES)
      .flatMap((entry) => (entry.configValue === null ? [] : [{ name: entry.configName, value: entry.configValue }])),
    { name: MAX_MESSAGE_BYTES, value: String(required) },
  ];
}

/**
 * Creates Chronicle's topics if missing: the configured partition count, infinite retention for
 * the topics that are the log of record, and a `max.message.bytes` derived from
 * `MAX_ARTICLE_BYTES`. Topics that exist with a smaller `max.message.bytes` (made before it was
 * set, or under a smaller limit) are raised to it, keeping their other settings.
 */
export async function ensureTopics(kafka: Kafka, settings: KafkaSettings): Promise<void> {
  // On a multi-broker cluster a topic just created may be unknown to the broker asked next
  // (UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE): provisioning again skips what exists.
  return retryWhileTransient(() => provisionTopics(kafka, settings), 15, 500);
}

async function provisionTopics(kafka: Kafka, settings: KafkaSettings): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existingNames = new Set(await admin.listTopics());
    const topics = (Object.keys(TOPICS) as TopicKey[]).map((key) => ({ key, name: topicName(settings.topicPrefix, key) }));
    const missing = topics.filter(({ name }) => !existingNames.has(name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map(({ key, name }) => ({
          topic: name,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries: topicConfigEntries(key, settings),
        })),
      });
    }
    const existing = topics.filter(({ name }) => existingNames.has(name)).map(({ name }) => name);
    if (existing.length > 0) await raiseMessageLimits(admin, existing, topicMaxMessageBytes(settings));
  } finally {
    await admin.disconnect();
  }
}

async function raiseMessageLimits(admin: Admin, topics: string[], required: number): Promise<void> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  const resources = described.resources.flatMap((resource) => {
    // A topic deleted since it was listed has nothing to raise.
    if (resource.errorCode !== 0) return [];
    const configEntries = raisedTopicConfig(resource.configEntries, required);
    return configEntries ? [{ type: ConfigResourceTypes.TOPIC, name: resource.resourceName, configEntries }] : [];
  });
  if (resources.length === 0) return;
  try {
    await admin.alterConfigs({ validateOnly: false, resources });
  } catch (error) {
    throw new Error(
      `topics ${resources.map((r) => r.name).join(', ')} accept smaller messages than MAX_ARTICLE_BYTES needs ` +
        `(max.message.bytes=${required}) and could not be raised: ${(error as Error).message}. ` +
        'Raise max.message.bytes on them, or lower MAX_ARTICLE_BYTES.',
      { cause: error },
    );
  }
}

/**
 * Deletes Chronicle's topics under `settings.topicPrefix` (benches and tests that made their own).
 * @throws Error when the prefix is empty: the unprefixed topics are the real log of record.
 */
export async function deletePrefixedTopics(kafka: Kafka, settings: KafkaSettings): Promise<void> {
  if (settings.topicPrefix === '') throw new Error('refusing to delete the unprefixed topics: they are the log of record');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = (Object.keys(TOPICS) as TopicKey[])
      .map((key) => topicName(settings.topicPrefix, key))
      .filter((name) => existing.has(name));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
