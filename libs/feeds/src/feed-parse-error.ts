/**
 * A feed that cannot be read: not XML or JSON, malformed, or not one of the formats
 * {@link parseFeed} knows. The message says which, so the service can show it on the failing source.
 */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
