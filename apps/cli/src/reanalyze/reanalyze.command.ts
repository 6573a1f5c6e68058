import { loadConfig } from '@chronicle/config';
import { ArticleAnalyzedEvent, encodeEvent, withSanitizedText } from '@chronicle/contracts';
import { AnalysisDiff, diffAnalyses, isUnchanged } from '@chronicle/domain';
import { createKafka, EventPublisher } from '@chronicle/kafka';
import { loadArticleAnalyzer } from '@chronicle/sentence-encoder';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { analyzeSubmission } from '../../../enrich/src/analysis/analyze-submission';
import { readCurrentVersions, readLatestAnalyses } from './article-log.reader';

interface ReanalysisReport {
  analyzerVersion: string;
  since: string | null;
  articles: number;
  reanalyzed: number;
  alreadyCurrent: number;
  /** Articles whose new analysis is over the Kafka message limit (derived from MAX_ARTICLE_BYTES): not published. */
  tooLarge: string[];
  /** Articles whose new analysis was cut to fit the message limit (its `analysis.truncated` says what it left out). */
  truncated: string[];
  previousVersions: Record<string, number>;
  totals: {
    actorsAdded: number;
    actorsRemoved: number;
    statementsAdded: number;
    statementsRemoved: number;
    stancesAdded: number;
    stancesRemoved: number;
    speakersChanged: number;
  };
  changed: AnalysisDiff[];
}

/** `chronicle reanalyze [--since DATE]`: re-run the current extractor over stored articles. */
export function buildReanalyzeCommand(): Command {
  return new Command('reanalyze')
    .description('Re-run the current extractor over stored articles and publish new ArticleAnalyzed events; report what changed')
    .option('--since <date>', 'only articles received at or after this ISO date')
    .option('--dry-run', 'compare and report without publishing')
    .option('--report <file>', 'also write the full report (every changed article) as JSON')
    .action(async (flags: { since?: string; dryRun?: boolean; report?: string }) => {
      if (flags.since && Number.isNaN(Date.parse(flags.since))) throw new Error(`--since: not a date: ${flags.since}`);
      const config = loadConfig();
      const since = flags.since ? new Date(flags.since).toISOString() : null;
      const [versions, analyses] = await Promise.all([readCurrentVersions(config), readLatestAnalyses(config)]);
      // As enrich analyses (ENRICH_SENTIMENT_ENCODER), with the encoder's threads on every core: one article at a time.
      const analyzer = await loadArticleAnalyzer({
        sentimentEncoder: config.enrich.sentimentEncoder,
        threads: availableParallelism(),
      });
      const targets = [...versions.values()].filter(({ event }) => !since || event.data.receivedAt >= since);
      const report: ReanalysisReport = {
        analyzerVersion: analyzer.version,
        since,
        articles: targets.length,
        reanalyzed: 0,
        alreadyCurrent: 0,
        tooLarge: [],
        truncated: [],
        previousVersions: {},
        totals: {
          actorsAdded: 0,
          actorsRemoved: 0,
          statementsAdded: 0,
          statementsRemoved: 0,
          stancesAdded: 0,
          stancesRemoved: 0,
          speakersChanged: 0,
        },
        changed: [],
      };
      const publisher = new EventPublisher(createKafka(config.kafka, 'reanalyze'), config.kafka);
      if (!flags.dryRun) await publisher.connect();
      const bar = new SingleBar({ format: 'reanalyze [{bar}] {value}/{total} articles | {rate} art/s' }, Presets.shades_classic);
      const started = Date.now();
      bar.start(targets.length, 0, { rate: 0 });
      let pending: Array<{ key: string; event: ArticleAnalyzedEvent }> = [];
      const flush = async () => {
        if (!flags.dryRun) await publisher.publish('analyses', pending);
        pending = [];
      };
      let done = 0;
      try {
        for (const { event, offset } of targets) {
          const previous = analyses.get(event.data.articleId);
          done += 1;
          bar.increment(1, { rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) });
          if (
            previous &&
            previous.data.analysis.analyzerVersion === analyzer.version &&
            previous.data.sourceEventId === event.id
          ) {
            report.alreadyCurrent += 1;
            continue;
          }
          // Articles stored before ingest sanitised text may hold NUL, lone surrogates or controls.
          const next = await analyzeSubmission(
            withSanitizedText(event),
            analyzer.analyze,
            new Date().toISOString(),
            offset,
            publisher.messageLimitBytes,
          );
          if (encodeEvent(next).length > publisher.messageLimitBytes) {
            report.tooLarge.push(event.data.articleId);
            continue;
          }
          if (next.data.analysis.truncated) report.truncated.push(event.data.articleId);
          report.reanalyzed += 1;
          const from = previous?.data.analysis.analyzerVersion ?? '(none)';
          report.previousVersions[from] = (report.previousVersions[from] ?? 0) + 1;
          if (previous) {
            const diff = diffAnalyses(event.data.articleId, previous.data.analysis, next.data.analysis);
            if (!isUnchanged(diff)) report.changed.push(diff);
            report.totals.actorsAdded += diff.actorsAdded.length;
            report.totals.actorsRemoved += diff.actorsRemoved.length;
            report.totals.statementsAdded += diff.statementsAdded;
            report.totals.statementsRemoved += diff.statementsRemoved;
            report.totals.stancesAdded += diff.stancesAdded;
            report.totals.stancesRemoved += diff.stancesRemoved;
            report.totals.speakersChanged += diff.speakersChanged.length;
          }
          pending.push({ key: event.data.articleId, event: next });
          if (pending.length >= 200) await flush();
        }
        await flush();
      } finally {
        bar.stop();
        await analyzer.close();
        if (!flags.dryRun) await publisher.disconnect();
      }
      if (flags.report) await writeFile(flags.report, JSON.stringify(report, null, 2));
      printSummary(report, Boolean(flags.dryRun));
    });
}

function printSummary(report: ReanalysisReport, dryRun: boolean): void {
  const t = report.totals;
  console.log(
    `${dryRun ? 'Would re-analyse' : 'Re-analysed'} ${report.reanalyzed} of ${report.articles} article(s) with ${report.analyzerVersion}` +
      ` (${report.alreadyCurrent} already current). Previous versions: ${JSON.stringify(report.previousVersions)}`,
  );
  if (report.tooLarge.length > 0) {
    console.log(
      `Not published, analysis over the message limit (raise MAX_ARTICLE_BYTES): ${report.tooLarge.slice(0, 20).join(', ')}` +
        (report.tooLarge.length > 20 ? ` and ${report.tooLarge.length - 20} more` : ''),
    );
  }
  if (report.truncated.length > 0) {
    console.log(
      `Cut to fit the message limit (see analysis.truncated): ${report.truncated.slice(0, 20).join(', ')}` +
        (report.truncated.length > 20 ? ` and ${report.truncated.length - 20} more` : ''),
    );
  }
  console.log(
    `Changes: actors +${t.actorsAdded} -${t.actorsRemoved}, statements +${t.statementsAdded} -${t.statementsRemoved}, stances +${t.stancesAdded} -${t.stancesRemoved}, speakers changed ${t.speakersChanged}, in ${report.changed.length} article(s).`,
  );
  for (const diff of report.changed.slice(0, 10)) {
    const speakers = diff.speakersChanged
      .map((s) => `"${s.text.slice(0, 40)}…" ${s.before ?? 'nobody'} → ${s.after ?? 'nobody'}`)
      .join('; ');
    console.log(
      `  ${diff.articleId}: actors +[${diff.actorsAdded.join(', ')}] -[${diff.actorsRemoved.join(', ')}], statements +${diff.statementsAdded} -${diff.statementsRemoved}, stances +${diff.stancesAdded} -${diff.stancesRemoved}${speakers ? `, ${speakers}` : ''}`,
    );
  }
}
