import { describe, expect, it } from 'vitest';
import { histogramBuckets, parsePrometheusText, quantileBetween, sumOf } from './prometheus-text';

const page = (counts: [string, number][]) =>
  [
    '# HELP chronicle_event_age_seconds Per event age',
    '# TYPE chronicle_event_age_seconds histogram',
    ...counts.map(([le, n]) => `chronicle_event_age_seconds_bucket{le="${le}",topic="a",service="enrich"} ${n}`),
    'chronicle_consumer_lag{topic="a",partition="0",service="enrich"} 7',
    'chronicle_consumer_lag{topic="a",partition="1",service="enrich"} 5',
  ].join('\n');

describe('Prometheus text', () => {
  it('reads labels and sums a gauge over them', () => {
    const samples = parsePrometheusText(page([['+Inf', 0]]));
    expect(samples.find((s) => s.name === 'chronicle_consumer_lag')?.labels).toEqual({
      topic: 'a',
      partition: '0',
      service: 'enrich',
    });
    expect(sumOf(samples, 'chronicle_consumer_lag')).toBe(12);
  });

  it('takes quantiles of what was observed between two scrapes only', () => {
    const before = histogramBuckets(
      parsePrometheusText(
        page([
          ['0.1', 100],
          ['0.2', 100],
          ['+Inf', 100],
        ]),
      ),
      'chronicle_event_age_seconds',
    );
    // Between the scrapes: 10 observations in (0, 0.1], 10 in (0.1, 0.2].
    const after = histogramBuckets(
      parsePrometheusText(
        page([
          ['0.1', 110],
          ['0.2', 120],
          ['+Inf', 120],
        ]),
      ),
      'chronicle_event_age_seconds',
    );
    expect(quantileBetween(before, after, 0.5)).toBeCloseTo(0.1);
    expect(quantileBetween(before, after, 0.25)).toBeCloseTo(0.05);
    expect(quantileBetween(before, after, 0.75)).toBeCloseTo(0.15);
    expect(quantileBetween(before, before, 0.5)).toBeNaN();
  });

  it('gives the last finite bound for observations beyond it', () => {
    const before = histogramBuckets(
      parsePrometheusText(
        page([
          ['1', 0],
          ['+Inf', 0],
        ]),
      ),
      'chronicle_event_age_seconds',
    );
    const after = histogramBuckets(
      parsePrometheusText(
        page([
          ['1', 0],
          ['+Inf', 4],
        ]),
      ),
      'chronicle_event_age_seconds',
    );
    expect(quantileBetween(before, after, 0.99)).toBe(1);
  });
});
