/**
 * Raised before anything is sent when an encoded event exceeds the configured maximum message
 * size (`maxMessageBytes`, derived from `MAX_ARTICLE_BYTES`): the broker would refuse it, and a
 * request that is refused half-way must not leave part of a batch published.
 */
export class MessageTooLargeError extends Error {
  constructor(
    readonly topic: string,
    readonly key: string | null,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(
      `message for ${topic}${key === null ? '' : ` (key ${JSON.stringify(key.slice(0, 200))})`} is ${bytes} bytes, over the ${maxBytes}-byte limit`,
    );
    this.name = 'MessageTooLargeError';
  }
}
