import { loadConfig } from '@chronicle/config';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { chunkArticles, readArticleFile } from './article-file.reader';

/** Ingest takes at most this many articles in one request. */
const MAX_ARTICLES_PER_REQUEST = 1000;

/** `chronicle ingest FILE...`: posts articles to the ingest service. */
export function buildIngestCommand(): Command {
  return new Command('ingest')
    .description('Post JSON, NDJSON or plain-text articles to the ingest service (text sanitised as ingest does)')
    .argument('<files...>', 'article files')
    .option('--url <url>', 'ingest service base URL', process.env.INGEST_URL)
    .option('--api-key <key>', 'API key with the ingest scope (default: $CHRONICLE_API_KEY)', process.env.CHRONICLE_API_KEY)
    .action(async (files: string[], flags: { url?: string; apiKey?: string }) => {
      const config = loadConfig();
      const base = flags.url ?? `http://127.0.0.1:${config.ports.ingest}`;
      const bar =
        files.length > 1
          ? new SingleBar({ format: 'ingest [{bar}] {value}/{total} files | {articles} articles' }, Presets.shades_classic)
          : null;
      bar?.start(files.length, 0, { articles: 0 });
      let articles = 0;
      const failures: string[] = [];
      let filesPosted = 0;
      for (const file of files) {
        const failuresBefore = failures.length;
        let batch: unknown[];
        try {
          batch = await readArticleFile(file);
        } catch (error) {
          failures.push(`${file}: ${(error as Error).message}`);
          bar?.increment(1, { articles });
          continue;
        }
        // About one maximum-size article's worth per request; a larger article goes alone.
        const chunks = chunkArticles(batch, { maxCount: MAX_ARTICLES_PER_REQUEST, maxBytes: config.limits.maxArticleBytes });
        let first = 0;
        for (const chunk of chunks) {
          const where = chunks.length > 1 ? `${file} (articles ${first + 1}-${first + chunk.length})` : file;
          first += chunk.length;
          try {
            const response = await fetch(`${base}/v1/articles`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(flags.apiKey ? { authorization: `Bearer ${flags.apiKey}` } : {}) },
              body: JSON.stringify(chunk),
            });
            const answer = await response.text();
            if (response.status !== 202) throw new Error(`HTTP ${response.status}: ${answer}`);
            articles += (JSON.parse(answer) as { ids: string[] }).ids.length;
            if (!bar) console.log(`${where}: accepted ${answer}`);
          } catch (error) {
            failures.push(`${where}: ${(error as Error).message}`);
          }
        }
        if (failures.length === failuresBefore) filesPosted += 1;
        bar?.increment(1, { articles });
      }
      bar?.stop();
      console.log(`Posted ${articles} article(s) from ${filesPosted} file(s) to ${base}.`);
      for (const failure of failures) console.error(`failed: ${failure}`);
      if (failures.length) process.exitCode = 1;
    });
}
