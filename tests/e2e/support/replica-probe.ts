/** What a running replica says about itself over HTTP: the partitions it owns and its metrics. */

/** Partitions of `topic` (full name) the replica's `/health` lists as its own. */
export async function ownedPartitions(baseUrl: string, topic: string): Promise<number[]> {
  const response = await fetch(`${baseUrl}/health`);
  const report = (await response.json()) as { partitions?: Array<{ topic: string; partition: number }> };
  return (report.partitions ?? []).filter((p) => p.topic === topic).map((p) => p.partition);
}

/** One sample of a Prometheus text exposition. */
export interface MetricSample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of metric `name` on the replica's `/metrics` (exact name; no `_bucket`/`_sum` siblings). */
export async function metricSamples(baseUrl: string, name: string): Promise<MetricSample[]> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!;
    samples.push({ labels, value: Number(match[3]) });
  }
  return samples;
}
