import { ArticleAnalyzedEvent, ArticleSubmittedEvent, decodeEvent } from '@chronicle/contracts';
import { createKafka, EventPublisher, scanTopic } from '@chronicle/kafka';
import { analyzeArticle, encoderAnalyzerVersion, shippedEncoderHead } from '@chronicle/nlp';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSubmission } from '../../apps/enrich/src/analysis/analyze-submission';
import { kafkaBrokers, waitFor } from '../support/test-environment';
import { ChronicleStack, createStack } from './support/chronicle-stack';

const CLI = join(resolve(__dirname, '../..'), 'dist/apps/cli/src/main.js');
const OLD_VERSION = 'chronicle-nlp/0.9.0';

describe('chronicle reanalyze', () => {
  let stack: ChronicleStack;
  const settings = () => ({
    brokers: kafkaBrokers(),
    clientId: 'reanalyze-test',
    topicPrefix: stack.topicPrefix,
    partitions: 3,
    replicationFactor: 1,
    maxWaitMs: 100,
    sessionTimeoutMs: 6000,
  });
  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, 'reanalyze', ...args], {
      env: { ...process.env, ...stack.env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`reanalyze failed: ${result.stderr}`);
    return result.stdout;
  };
  const speakerOf = async (text: string) =>
    (
      await stack.query<{ speaker_name: string | null }>('SELECT speaker_name FROM statements WHERE text LIKE $1', [`${text}%`])
    )[0]?.speaker_name;

  beforeAll(async () => {
    // No enrich service: this test plays an older analyzer that got a speaker wrong.
    // As deployed: with the sentiment encoder stage.
    stack = await createStack('reanalyze', { ENRICH_SENTIMENT_ENCODER: 'on' });
    await Promise.all([stack.cluster.start('ingest'), stack.cluster.start('project')]);
    const response = await fetch(`${stack.cluster.url('ingest')}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'budget-row',
        outlet: 'Wire One',
        title: 'Budget row',
        body: 'Finance Minister Tomas Herrera met opposition leader Samuel Okafor on Monday.\n"The numbers do not add up," Okafor said.',
      }),
    });
    expect(response.status).toBe(202);
    const kafka = createKafka(settings(), 'test');
    let submitted: { event: ArticleSubmittedEvent; offset: string } | undefined;
    await waitFor(async () => {
      await scanTopic(kafka, settings(), 'articles', (_, message) => {
        submitted = { event: decodeEvent(message.value) as ArticleSubmittedEvent, offset: message.offset };
      });
      return submitted !== undefined;
    });
    const current = await analyzeSubmission(submitted!.event, analyzeArticle, '2026-01-01T00:00:00.000Z', submitted!.offset);
    const old: ArticleAnalyzedEvent = {
      ...current,
      id: 'old-analysis',
      data: {
        ...current.data,
        analysis: {
          ...current.data.analysis,
          analyzerVersion: OLD_VERSION,
          statements: current.data.analysis.statements.map((s) => ({
            ...s,
            speaker: { actorId: 'person:tomas-herrera', name: 'Tomas Herrera' },
          })),
        },
      },
    };
    const publisher = new EventPublisher(kafka, settings());
    await publisher.connect();
    await publisher.publish('analyses', [{ key: 'budget-row', event: old }]);
    await publisher.disconnect();
    await waitFor(async () => (await speakerOf('The numbers do not add up')) === 'Tomas Herrera', { timeoutMs: 30_000 });
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('when history was analysed by an older extractor', () => {
    let output: string;
    const reportFile = join(tmpdir(), `reanalyze-${Date.now()}.json`);

    beforeAll(() => {
      output = cli('--report', reportFile);
    });

    it('publishes a new analysis that the read models take in place of the old one', async () => {
      await waitFor(async () => (await speakerOf('The numbers do not add up')) === 'Samuel Okafor', { timeoutMs: 30_000 });
      const [article] = await stack.query<{ analyzer_version: string }>(
        "SELECT analyzer_version FROM articles WHERE id = 'budget-row'",
      );
      // `chronicle reanalyze` analyses as enrich does, with the sentiment encoder stage unless it is switched off.
      expect(article!.analyzer_version).toBe(encoderAnalyzerVersion(shippedEncoderHead()));
      expect(await stack.query("SELECT id FROM statements WHERE article_id = 'budget-row'")).toHaveLength(1);
    });

    it('reports what changed between the two versions', () => {
      expect(output).toMatch(/Re-analysed 1 of 1 article/);
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
        previousVersions: Record<string, number>;
        changed: Array<{ articleId: string; speakersChanged: Array<{ before: string; after: string }> }>;
      };
      expect(report.previousVersions).toEqual({ [OLD_VERSION]: 1 });
      expect(report.changed).toEqual([
        expect.objectContaining({
          articleId: 'budget-row',
          speakersChanged: [expect.objectContaining({ before: 'Tomas Herrera', after: 'Samuel Okafor' })],
        }),
      ]);
    });

    it('does nothing when run again', () => {
      expect(cli()).toMatch(/Re-analysed 0 of 1 article\(s\) with .* \(1 already current\)/);
    });
  });
});
