import { describe, expect, it } from 'vitest';
import { nextPollAfterFailureMs } from './failure-backoff';

const CONFIG = { baseMs: 60_000, capMs: 3600_000 };

describe('nextPollAfterFailureMs', () => {
  it('doubles with each consecutive failure up to the cap', () => {
    const ceilings = [1, 2, 3, 10].map((failures) => nextPollAfterFailureMs(failures, 0, 1, CONFIG));
    expect(ceilings).toEqual([60_000, 120_000, 240_000, 3600_000]);
  });

  it('never polls before the server said to retry', () => {
    expect(nextPollAfterFailureMs(1, 0, 0, CONFIG, 7200_000)).toBe(7200_000);
  });
});
