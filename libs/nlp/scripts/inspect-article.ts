/**
 * Prints the analysis of a text file (first line = title, rest = body) in a compact form, for eyeballing rules.
 * Run from the project root: npx vite-node libs/nlp/scripts/inspect-article.ts -- <file>
 */
import { readFileSync } from 'node:fs';
import { analyzeArticle } from '../src/article-analyzer';

const file = process.argv.slice(2).filter((a) => a !== '--')[0] ?? 'libs/nlp/test/fixtures/istanbul-talks.txt';
const raw = readFileSync(file, 'utf8');
const nl = raw.indexOf('\n');
const result = analyzeArticle({ id: file, title: raw.slice(0, nl), body: raw.slice(nl + 1) });
for (const a of result.actors) {
  console.log(
    `ACTOR ${a.id} | ${a.name} | ${a.kind} | ${a.role ?? ''} | ${a.mentions.map((m) => m.text).join(', ')} | ${a.sentiment.label}`,
  );
}
console.log(`PLACES ${result.places.map((p) => `${p.name}(${p.mentions.length})`).join(', ')}`);
for (const s of result.statements) {
  console.log(`${s.kind.toUpperCase()} [${s.speaker?.name ?? '-'}] cue=<${s.cue ?? ''}> ${s.text}`);
}
