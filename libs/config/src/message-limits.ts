/** One mebibyte. */
export const MIB = 1_048_576;

/** `MAX_ARTICLE_BYTES` when unset. */
export const DEFAULT_MAX_ARTICLE_BYTES = 2_000_000;

/**
 * Largest `MAX_ARTICLE_BYTES` accepted: the messages derived from it (see {@link maxMessageBytesFor})
 * must stay well under a broker's default `socket.request.max.bytes` (100 MiB).
 */
export const MAX_ARTICLE_BYTES_CEILING = 32 * MIB;

/**
 * Largest encoded event (its JSON envelope, before compression) a Chronicle producer sends,
 * derived from the article limit so that every size limit moves with the one setting.
 * An ArticleSubmitted carries the body JSON-escaped: quotes, backslashes, newlines and tabs take
 * two bytes (ingest strips the other controls, which would take six), so up to twice the body,
 * plus a bounded title, URL and envelope. An ArticleAnalyzed repeats statement and mention text
 * with offsets and can outgrow the article, which is why the headroom is a whole extra MiB on
 * top of twice the limit rather than a few KiB. An event that still does not fit is refused
 * before sending (MessageTooLargeError in @chronicle/kafka), never half-published.
 */
export function maxMessageBytesFor(maxArticleBytes: number): number {
  return 2 * maxArticleBytes + MIB;
}

/**
 * Largest HTTP request body ingest parses: one article at the limit in JSON's worst escaping
 * (`\u00XX`, six bytes for each control byte; three times for two-byte UTF-8 sent escaped) plus a
 * MiB for its other fields and for batching. Larger requests get 413 and should be split.
 */
export function maxRequestBytesFor(maxArticleBytes: number): number {
  return 6 * maxArticleBytes + MIB;
}
