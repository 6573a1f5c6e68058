import { ChronicleConfig } from '@chronicle/config';
import { SetMetadata } from '@nestjs/common';

export const BODY_LIMIT = 'chronicle:bodyLimit';

/** Bytes, or bytes derived from configuration (e.g. `MAX_ARTICLE_BYTES`). */
export type BodyLimitSpec = number | ((config: ChronicleConfig) => number);

/**
 * The largest request body this route parses. Routes without one get {@link DEFAULT_BODY_LIMIT_BYTES};
 * a larger body is refused with 413 before it is read into memory.
 */
export const BodyLimit = (limit: BodyLimitSpec) => SetMetadata(BODY_LIMIT, limit);

/** For routes that take no body or a small one. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;
