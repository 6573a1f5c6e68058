import { loadConfig } from '@chronicle/config';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { readArticleFile } from './article-file.reader';

/** `chronicle ingest FILE...`: posts articles to the ingest service. */
export function buildIngestCommand(): Command {
  return new Command('ingest')
    .description('Post JSON, NDJSON or plain-text articles to the ingest service')
    .argument('<files...>', 'article files')
    .option('--url <url>', 'ingest service base URL', process.env.INGEST_URL)
    .action(async (files: string[], flags: { url?: string }) => {
      const base = flags.url ?? `http://127.0.0.1:${loadConfig().ports.ingest}`;
      const bar = files.length > 1 ? new SingleBar({ format: 'ingest [{bar}] {value}/{total} files | {articles} articles' }, Presets.shades_classic) : null;
      bar?.start(files.length, 0, { articles: 0 });
      let articles = 0;
      const failures: string[] = [];
      for (const file of files) {
        try {
          const batch = await readArticleFile(file);
          const response = await fetch(`${base}/v1/articles`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(batch),
          });
          const answer = await response.text();
          if (response.status !== 202) throw new Error(`HTTP ${response.status}: ${answer}`);
          articles += (JSON.parse(answer) as { ids: string[] }).ids.length;
          if (!bar) console.log(`${file}: accepted ${answer}`);
        } catch (error) {
          failures.push(`${file}: ${(error as Error).message}`);
        }
        bar?.increment(1, { articles });
      }
      bar?.stop();
      console.log(`Posted ${articles} article(s) from ${files.length - failures.length} file(s) to ${base}.`);
      for (const failure of failures) console.error(`failed: ${failure}`);
      if (failures.length) process.exitCode = 1;
    });
}
