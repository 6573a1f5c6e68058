import { ChronicleConfig } from '@chronicle/config';
import {
  ARTICLE_RETRACTED,
  ARTICLE_REVISED,
  ARTICLE_SUBMITTED,
  ArticleAnalyzedEvent,
  ArticleRevisedEvent,
  ArticleSubmittedEvent,
  decodeEvent,
  EventDecodeError,
} from '@chronicle/contracts';
import { createKafka, scanTopic } from '@chronicle/kafka';

export interface CurrentVersion {
  event: ArticleSubmittedEvent | ArticleRevisedEvent;
  offset: string;
}

/** The newest version of every article still live (not retracted after it), read from the articles topic. */
export async function readCurrentVersions(config: ChronicleConfig): Promise<Map<string, CurrentVersion>> {
  const versions = new Map<string, CurrentVersion | null>();
  await scanTopic(createKafka(config.kafka, 'reanalyze'), config.kafka, 'articles', (_, message) => {
    const event = decodeOrSkip(message.value);
    if (!event) return;
    if (event.type === ARTICLE_SUBMITTED || event.type === ARTICLE_REVISED) {
      versions.set(event.data.articleId, { event, offset: message.offset });
    } else if (event.type === ARTICLE_RETRACTED) {
      versions.set(event.data.articleId, null);
    }
  });
  return new Map([...versions].filter((entry): entry is [string, CurrentVersion] => entry[1] !== null));
}

/** The analysis each article's read models currently reflect: the newest by source version, then by log order. */
export async function readLatestAnalyses(config: ChronicleConfig): Promise<Map<string, ArticleAnalyzedEvent>> {
  const latest = new Map<string, ArticleAnalyzedEvent>();
  await scanTopic(createKafka(config.kafka, 'reanalyze'), config.kafka, 'analyses', (_, message) => {
    const event = decodeOrSkip(message.value);
    if (event?.type !== 'ArticleAnalyzed') return;
    const previous = latest.get(event.data.articleId);
    const rank = (e: ArticleAnalyzedEvent) => BigInt(e.data.sourceOffset ?? '-1');
    if (!previous || rank(event) >= rank(previous)) latest.set(event.data.articleId, event);
  });
  return latest;
}

// Poison messages are the dead-letter tooling's business; re-analysis skips them.
function decodeOrSkip(value: Buffer | null) {
  try {
    return decodeEvent(value);
  } catch (error) {
    if (error instanceof EventDecodeError) return null;
    throw error;
  }
}
