import {
  ArticleAnalyzedEvent,
  ArticleLifecycleEvent,
  ChronicleEvent,
  decodeEvent,
  EventDecodeError,
  TopicKey,
  topicName,
} from '@chronicle/contracts';
import { createKafka, fetchHighWatermarks, KafkaSettings, scanTopic } from '@chronicle/kafka';
import { LoggedEvent, ReferenceLog, SqlQuery, storedLogPositions } from './reference-read-models';

function settingsFor(brokers: string[], topicPrefix: string): KafkaSettings {
  return {
    brokers,
    clientId: 'reference-log',
    topicPrefix,
    partitions: 1,
    replicationFactor: 1,
    maxWaitMs: 100,
    sessionTimeoutMs: 6000,
  };
}

async function readTopic(
  kafka: ReturnType<typeof createKafka>,
  settings: KafkaSettings,
  key: TopicKey,
): Promise<Array<LoggedEvent<ChronicleEvent>>> {
  const events: Array<LoggedEvent<ChronicleEvent>> = [];
  await scanTopic(kafka, settings, key, (partition, message) => {
    try {
      events.push({ partition, offset: message.offset, event: decodeEvent(message.value) });
    } catch (error) {
      // Undecodable messages are dead-lettered by the service, never projected.
      if (!(error instanceof EventDecodeError)) throw error;
    }
  });
  return events;
}

const isLifecycle = (logged: LoggedEvent<ChronicleEvent>): logged is LoggedEvent<ArticleLifecycleEvent> =>
  ['ArticleSubmitted', 'ArticleRevised', 'ArticleRetracted'].includes(logged.event.type);
const isAnalysis = (logged: LoggedEvent<ChronicleEvent>): logged is LoggedEvent<ArticleAnalyzedEvent> =>
  logged.event.type === 'ArticleAnalyzed';

/**
 * Reads the articles and analyses topics of `topicPrefix` back from the broker, up to their end as
 * of the call, with each event's partition and offset: the project service's whole input.
 */
export async function readProjectLog(brokers: string[], topicPrefix: string): Promise<ReferenceLog> {
  const settings = settingsFor(brokers, topicPrefix);
  const kafka = createKafka(settings, 'reference');
  return {
    articles: (await readTopic(kafka, settings, 'articles')).filter(isLifecycle),
    analyses: (await readTopic(kafka, settings, 'analyses')).filter(isAnalysis),
  };
}

/** End offsets of the articles and analyses topics, as `topic -> partition -> offset`. */
export async function projectTopicEnds(brokers: string[], topicPrefix: string): Promise<Map<string, Map<number, bigint>>> {
  const settings = settingsFor(brokers, topicPrefix);
  const ends = new Map<string, Map<number, bigint>>();
  for (const [key, high] of await fetchHighWatermarks(createKafka(settings, 'reference-ends'), settings, [
    'articles',
    'analyses',
  ])) {
    const separator = key.lastIndexOf(':');
    const topic = key.slice(0, separator);
    if (!ends.has(topic)) ends.set(topic, new Map());
    ends.get(topic)!.set(Number(key.slice(separator + 1)), high);
  }
  return ends;
}

/**
 * Whether the project service has read both topics to their end: the analyses topic holds at least
 * `analyses` events and the positions it stored equal the end offsets of every partition.
 */
export async function projectorCaughtUp(
  query: SqlQuery,
  brokers: string[],
  topicPrefix: string,
  options: { analyses: number; consumer?: string },
): Promise<boolean> {
  const topics = { articles: topicName(topicPrefix, 'articles'), analyses: topicName(topicPrefix, 'analyses') };
  const ends = await projectTopicEnds(brokers, topicPrefix);
  const published = [...(ends.get(topics.analyses)?.values() ?? [])].reduce((total, end) => total + end, 0n);
  if (published < BigInt(options.analyses)) return false;
  const positions = await storedLogPositions(query, topics, { consumer: options.consumer });
  return [...ends].every(([topic, partitions]) =>
    [...partitions].every(
      ([partition, end]) => ((topic === topics.articles ? positions.articles : positions.analyses).get(partition) ?? 0n) === end,
    ),
  );
}
