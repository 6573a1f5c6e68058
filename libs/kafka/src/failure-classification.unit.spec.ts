import { describe, expect, it } from 'vitest';
import { classifyFailure } from './failure-classification';

function pgError(code: string, message = 'server said no'): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

/** How TypeORM reports a failed query: its own error wrapping the driver's. */
function queryFailed(driverError: Error): Error {
  return Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError, code: (driverError as { code?: string }).code });
}

function kafkaError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(name), { name, ...extra });
}

describe(classifyFailure.name, () => {
  describe('when Postgres refuses the data', () => {
    it.each([
      ['22P05', 'unsupported Unicode escape sequence'],
      ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
      ['23505', 'duplicate key value violates unique constraint'],
      ['23514', 'new row violates check constraint'],
    ])('SQLSTATE %s is poison, and its class names the state', (code, message) => {
      const failure = classifyFailure(queryFailed(pgError(code, message)));
      expect(failure).toEqual({ kind: 'poison', errorClass: `QueryFailedError/${code}`, message });
    });
  });

  describe('when Postgres is unavailable or busy', () => {
    it.each(['08006', '40001', '40P01', '53300', '57P01', '57P03', '42P01'])('SQLSTATE %s is transient', (code) => {
      expect(classifyFailure(queryFailed(pgError(code))).kind).toBe('transient');
    });

    it('a refused connection is transient', () => {
      expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).kind).toBe('transient');
    });

    it.each(['Connection terminated unexpectedly', 'timeout exceeded when trying to connect'])('pg\'s "%s" is transient', (message) => {
      expect(classifyFailure(new Error(message)).kind).toBe('transient');
    });
  });

  describe('when Kafka fails', () => {
    it('an unreachable broker is transient', () => {
      expect(classifyFailure(kafkaError('KafkaJSConnectionError')).kind).toBe('transient');
      expect(classifyFailure(kafkaError('KafkaJSRequestTimeoutError')).kind).toBe('transient');
    });

    it('a message the broker will never take is poison, even wrapped in exhausted retries', () => {
      const tooLarge = kafkaError('KafkaJSProtocolError', { type: 'MESSAGE_TOO_LARGE', retriable: false });
      expect(classifyFailure(tooLarge).kind).toBe('poison');
      const exhausted = kafkaError('KafkaJSNumberOfRetriesExceeded', { originalError: tooLarge });
      expect(classifyFailure(exhausted)).toMatchObject({ kind: 'poison', errorClass: 'KafkaJSNumberOfRetriesExceeded/MESSAGE_TOO_LARGE' });
    });

    it('a rebalance abandons the batch', () => {
      expect(classifyFailure(kafkaError('KafkaJSProtocolError', { type: 'REBALANCE_IN_PROGRESS' })).kind).toBe('rebalance');
    });
  });

  describe('when the handler itself throws', () => {
    it('an exception in the extractor or fold is poison', () => {
      expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'length')"))).toEqual({
        kind: 'poison',
        errorClass: 'TypeError',
        message: "Cannot read properties of undefined (reading 'length')",
      });
      expect(classifyFailure(new RangeError('Maximum call stack size exceeded')).kind).toBe('poison');
    });

    it('a thrown non-error is poison', () => {
      expect(classifyFailure('boom')).toEqual({ kind: 'poison', errorClass: 'string', message: 'boom' });
    });
  });
});
