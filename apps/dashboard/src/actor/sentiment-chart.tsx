import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './chart.css';
import type { Granularity, SentimentBucket } from '../api/types';
import { formatDateTime, formatScore } from '../components/format';

/** The line and its points; axes use INK, so only data is drawn in NAVY and BAR_FILL (the browser test counts them). */
const NAVY = '#17324d';
const INK = '#1b2430';
const BAR = '#7d97b3';
const BAR_FILL = '#b9c8d8';

const HOUR_TICKS = [1, 2, 3, 6, 12, 24, 48, 168].map((hours) => hours * 3600);
const DAY_TICKS = [1, 2, 7, 14, 30, 91, 182, 365].map((days) => days * 86400);

function options(width: number, granularity: Granularity, window: { from: string; to: string }): uPlot.Options {
  return {
    width,
    height: 260,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: {
      // The window asked for, not uPlot's padding around the data: a single bucket would otherwise span years.
      x: { time: true, range: [Date.parse(window.from) / 1000, Date.parse(window.to) / 1000] },
      score: { range: [-1, 1] },
      mentions: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] },
    },
    axes: [
      // Ticks on whole buckets only: no 10-minute marks under hourly bars.
      { stroke: INK, grid: { stroke: '#e3e8ee' }, space: 70, incrs: granularity === 'hour' ? HOUR_TICKS : DAY_TICKS },
      { scale: 'score', label: 'Mean sentiment', stroke: INK, grid: { stroke: '#e3e8ee' } },
      { scale: 'mentions', label: 'Mentions', side: 1, stroke: INK, grid: { show: false } },
    ],
    series: [
      {
        label: granularity === 'hour' ? 'Hour (UTC)' : 'Day (UTC)',
        value: (_u, v) => (v === null ? '—' : formatDateTime(new Date(v * 1000).toISOString())),
      },
      {
        label: 'Mentions',
        scale: 'mentions',
        stroke: BAR,
        fill: BAR_FILL,
        paths: uPlot.paths.bars!({ size: [0.6, 48] }),
        points: { show: false },
      },
      {
        label: 'Mean sentiment',
        scale: 'score',
        stroke: NAVY,
        width: 2,
        points: { show: true, size: 9, fill: NAVY },
        value: (_u, v) => formatScore(v),
        spanGaps: true,
      },
    ],
  };
}

/**
 * Mean sentiment toward the actor (line, −1..1) over mention volume (bars), per hour or day. The same
 * numbers are in the table below it, for screen readers and for copying.
 */
export function SentimentChart({
  buckets,
  granularity,
  window,
}: {
  buckets: SentimentBucket[];
  granularity: Granularity;
  window: { from: string; to: string };
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element || buckets.length === 0) return;
    const data: uPlot.AlignedData = [
      buckets.map((b) => Date.parse(b.bucketStart) / 1000),
      buckets.map((b) => b.mentions),
      buckets.map((b) => b.meanScore),
    ];
    const chart = new uPlot(options(Math.max(280, element.clientWidth), granularity, window), data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, element.clientWidth), height: 260 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [buckets, granularity, window.from, window.to]);
  return (
    <figure class="chart" aria-labelledby="chart-caption">
      <div ref={host} class="chart-host" data-points={buckets.length} aria-hidden="true" />
      <figcaption id="chart-caption">Sentiment toward them and mention volume, per {granularity} (UTC).</figcaption>
      <details>
        <summary>Show the numbers</summary>
        <table class="data sentiment-table">
          <thead>
            <tr>
              <th scope="col">{granularity === 'hour' ? 'Hour' : 'Day'}</th>
              <th scope="col">Mentions</th>
              <th scope="col">Articles</th>
              <th scope="col">Negative</th>
              <th scope="col">Neutral</th>
              <th scope="col">Positive</th>
              <th scope="col">Mean</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.bucketStart} data-bucket={b.bucketStart}>
                <td>{formatDateTime(b.bucketStart)}</td>
                <td class="num" data-mentions={b.mentions}>
                  {b.mentions}
                </td>
                <td class="num">{b.articles}</td>
                <td class="num">{b.negative}</td>
                <td class="num">{b.neutral}</td>
                <td class="num">{b.positive}</td>
                <td class="num">{formatScore(b.meanScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
