import { describe, expect, it } from 'vitest';
import { parseBrokers } from './infra-manager';

describe(parseBrokers.name, () => {
  it('splits and trims a comma-separated broker list', () => {
    expect(parseBrokers(' kafka-1:9092, kafka-2:9092 ,')).toEqual(['kafka-1:9092', 'kafka-2:9092']);
  });

  it('treats an unset or blank value as "no external cluster"', () => {
    expect(parseBrokers(undefined)).toBeUndefined();
    expect(parseBrokers('  ')).toBeUndefined();
  });
});
