import { infrastructureCpuSeconds, processCpuSeconds } from '../support/process-cpu';
import { PipelineService, PipelineStack } from '../support/pipeline-stack';
import { histogramBuckets, parsePrometheusText, quantileBetween, Sample, sumOf } from '../support/prometheus-text';
import { round } from '../support/timing';

/** Where the bench reads each stage's cost: its processes' CPU and, for consumers, their batch metrics. */
export const STAGES = ['ingest', 'enrich', 'project', 'alert', 'api', 'postgres', 'kafka'] as const;
export type Stage = (typeof STAGES)[number];
export const CONSUMER_STAGES = ['enrich', 'project', 'alert'] as const satisfies readonly PipelineService[];

/** What one look at every stage saw: CPU seconds so far, and each consumer's metrics page. */
export interface StageSnapshot {
  cpuSeconds: Record<Stage, number>;
  metrics: Partial<Record<PipelineService, Sample[]>>;
}

/** A stage's cost over an interval, per article submitted in it. */
export interface StageFigures {
  cpuMsPerArticle: number;
  /** Consumers only: mean events per batch, and per-event time from append to commit. */
  meanBatchSize?: number;
  /** Consumers only: mean wall time from receiving a batch to committing it. */
  meanBatchMs?: number;
  stageLatencyMs?: { p50: number; p99: number };
}

/** Reads CPU and metrics of a running pipeline. */
export class StageProbe {
  constructor(private readonly stack: PipelineStack) {}

  async snapshot(): Promise<StageSnapshot> {
    const cpuSeconds = { ...infrastructureCpuSeconds() } as Record<Stage, number>;
    for (const service of ['ingest', 'enrich', 'project', 'alert', 'api'] as const) cpuSeconds[service] = 0;
    for (const running of this.stack.services) {
      cpuSeconds[running.service] += processCpuSeconds(running.process.pid ?? 0);
    }
    return { cpuSeconds, metrics: await this.scrape() };
  }

  /** Each consumer service's metrics, the samples of all its replicas together. */
  private async scrape(): Promise<Partial<Record<PipelineService, Sample[]>>> {
    const pages = await Promise.all(
      this.stack.services
        .filter((running) => (CONSUMER_STAGES as readonly string[]).includes(running.service))
        .map(async (running) => {
          const response = await fetch(`${running.url}/metrics`, { headers: { authorization: this.stack.authorization } });
          return { service: running.service, samples: parsePrometheusText(await response.text()) };
        }),
    );
    const metrics: Partial<Record<PipelineService, Sample[]>> = {};
    for (const { service, samples } of pages) (metrics[service] ??= []).push(...samples);
    return metrics;
  }
}

/** Each stage's figures between two snapshots, for `articles` articles submitted in between. */
export function stageFigures(before: StageSnapshot, after: StageSnapshot, articles: number): Record<Stage, StageFigures> {
  const figures = {} as Record<Stage, StageFigures>;
  for (const stage of STAGES) {
    figures[stage] = {
      cpuMsPerArticle: round(((after.cpuSeconds[stage] - before.cpuSeconds[stage]) * 1000) / Math.max(1, articles)),
    };
  }
  for (const service of CONSUMER_STAGES) {
    const [was, now] = [before.metrics[service] ?? [], after.metrics[service] ?? []];
    const batches = sumOf(now, 'chronicle_batch_size_events_count') - sumOf(was, 'chronicle_batch_size_events_count');
    const events = sumOf(now, 'chronicle_batch_size_events_sum') - sumOf(was, 'chronicle_batch_size_events_sum');
    const [ageBefore, ageAfter] = [
      histogramBuckets(was, 'chronicle_event_age_seconds'),
      histogramBuckets(now, 'chronicle_event_age_seconds'),
    ];
    const batchSeconds = sumOf(now, 'chronicle_batch_duration_seconds_sum') - sumOf(was, 'chronicle_batch_duration_seconds_sum');
    figures[service].meanBatchSize = batches > 0 ? round(events / batches) : 0;
    figures[service].meanBatchMs = batches > 0 ? round((batchSeconds * 1000) / batches) : 0;
    figures[service].stageLatencyMs = {
      p50: round(quantileBetween(ageBefore, ageAfter, 0.5) * 1000),
      p99: round(quantileBetween(ageBefore, ageAfter, 0.99) * 1000),
    };
  }
  return figures;
}
