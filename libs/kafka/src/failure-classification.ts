/**
 * How a failed batch is handled, decided from the error alone:
 * - `poison`: tied to the events handled (bad data, a constraint, an encoding error, an exception
 *   in the handler's own code); retried a bounded number of times, then isolated by bisection and
 *   dead-lettered.
 * - `transient`: the world is briefly unavailable (Postgres or Kafka down, a timeout, a
 *   serialization conflict, a deadlock, a missing table during a deploy); retried with backoff for
 *   as long as it lasts, never dead-lettered.
 * - `rebalance`: the consumer lost or is losing the partition; the batch is abandoned at once and
 *   the new owner starts from the stored position.
 */
export type FailureKind = 'poison' | 'transient' | 'rebalance';

/** What the batch server reports about a failure: its kind and a short class name for operators. */
export interface ClassifiedFailure {
  kind: FailureKind;
  /** e.g. `QueryFailedError/22P05`, `KafkaJSConnectionError`, `TypeError`. */
  errorClass: string;
  message: string;
}

/**
 * PostgreSQL SQLSTATE classes that say the data of this batch is at fault: 22 data exception
 * (bad encoding, out-of-range values, invalid JSON text), 23 integrity constraint violation.
 * Every other server-side error (connection, resources, serialization, deadlock, undefined table
 * during a deploy, admin shutdown) would fail any batch, so it is transient: dead-lettering on it
 * would empty the log into the dead-letter topic.
 */
const POISON_SQLSTATE_CLASSES = new Set(['22', '23']);

const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

/** pg and pg-pool report lost connections as plain Errors with these messages. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error/i,
  /connection (?:is )?(?:closed|ended)/i,
  /cannot use a pool after calling end/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
];

/** kafkajs protocol errors that concern the message itself, never worth retrying. */
const POISON_KAFKA_TYPES = new Set(['MESSAGE_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'RECORD_LIST_TOO_LARGE']);

const REBALANCE_KAFKA_TYPES = new Set(['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);

type ErrorLike = Error & {
  code?: unknown;
  type?: unknown;
  retriable?: unknown;
  cause?: unknown;
  driverError?: unknown;
  originalError?: unknown;
};

/** The error and everything it wraps (TypeORM's `driverError`, kafkajs's `originalError`, `cause`). */
function chainOf(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 8 && !chain.includes(current as ErrorLike)) {
    const link = current as ErrorLike;
    chain.push(link);
    current = link.driverError ?? link.originalError ?? link.cause;
  }
  return chain;
}

function sqlState(link: ErrorLike): string | undefined {
  return typeof link.code === 'string' && /^[0-9A-Z]{5}$/.test(link.code) ? link.code : undefined;
}

function kindOf(chain: ErrorLike[]): FailureKind {
  for (const link of chain) {
    const type = typeof link.type === 'string' ? link.type : undefined;
    if (type && REBALANCE_KAFKA_TYPES.has(type)) return 'rebalance';
    if (type && POISON_KAFKA_TYPES.has(type)) return 'poison';
    if (link.name === 'MessageTooLargeError') return 'poison';
    // Positions of another log: hold the partition (and say so in /health) until an operator acts.
    if (link.name === 'PositionLogMismatchError') return 'transient';
    const state = sqlState(link);
    if (state) return POISON_SQLSTATE_CLASSES.has(state.slice(0, 2)) ? 'poison' : 'transient';
    if (typeof link.code === 'string' && TRANSIENT_NODE_CODES.has(link.code)) return 'transient';
    if (TRANSIENT_MESSAGES.some((pattern) => pattern.test(link.message))) return 'transient';
  }
  // A kafkajs error that names no message-level fault: the cluster is unreachable or busy.
  return chain.some((link) => link.name.startsWith('KafkaJS')) ? 'transient' : 'poison';
}

function classOf(chain: ErrorLike[]): string {
  const outer = chain[0];
  if (!outer) return 'UnknownError';
  const state = chain.map(sqlState).find(Boolean);
  const type = chain.map((l) => (typeof l.type === 'string' ? l.type : undefined)).find(Boolean);
  const detail = state ?? type;
  return detail ? `${outer.name}/${detail}` : outer.name;
}

/** Classifies a handler failure by the error and what it wraps; anything unrecognised is poison. */
export function classifyFailure(error: unknown): ClassifiedFailure {
  const chain = chainOf(error);
  if (chain.length === 0) return { kind: 'poison', errorClass: typeof error, message: String(error) };
  return { kind: kindOf(chain), errorClass: classOf(chain), message: chain[0]!.message };
}

/**
 * Runs `step` again while it fails transiently (e.g. metadata of a topic just created not yet
 * known to every broker), waiting `delayMs × min(attempt, 4)` between tries, up to `attempts`.
 * @throws the first non-transient error, or the last error once the attempts are used up.
 */
export async function retryWhileTransient<T>(step: () => Promise<T>, attempts: number, delayMs: number): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts || classifyFailure(error).kind !== 'transient') throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * Math.min(attempt, 4)));
    }
  }
}
