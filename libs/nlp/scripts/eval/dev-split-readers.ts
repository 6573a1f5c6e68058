// Readers for the public dev splits (dev-time only: uses node:fs, so it lives outside libs/nlp/src).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenSpan } from './span-scoring';

export interface ConllSentence {
  words: string[];
  /** IOB1 NE tags as in the file. */
  tags: string[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

/** Reads a CoNLL-2003 file (CRLF, `word POS chunk NE`, IOB1) into documents of sentences. */
export function readConll(file: string): ConllDocument[] {
  const docs: ConllDocument[] = [{ sentences: [] }];
  let words: string[] = [];
  let tags: string[] = [];
  const flush = (): void => {
    if (words.length) docs[docs.length - 1]!.sentences.push({ words, tags });
    words = [];
    tags = [];
  };
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) {
      flush();
      continue;
    }
    const cols = line.split(' ');
    if (cols[0] === '-DOCSTART-') {
      flush();
      if (docs[docs.length - 1]!.sentences.length) docs.push({ sentences: [] });
      continue;
    }
    words.push(cols[0]!);
    tags.push(cols[cols.length - 1]!);
  }
  flush();
  return docs.filter((d) => d.sentences.length);
}

/** Entity spans of an IOB1 (or IOB2) tag sequence, conlleval-style: a new entity at every B- or type change. */
export function iobSpans(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | null = null;
  tags.forEach((tag, i) => {
    const type = tag === 'O' ? '' : tag.slice(2);
    const begins = tag.startsWith('B-') || type !== (open?.type ?? '');
    if (open && (tag === 'O' || begins)) {
      open.end = i;
      spans.push(open);
      open = null;
    }
    if (tag !== 'O' && !open) open = { start: i, end: i + 1, type };
  });
  if (open) {
    (open as TokenSpan).end = tags.length;
    spans.push(open);
  }
  return spans;
}

export interface GumMention {
  start: number;
  end: number;
  type: string;
  cluster: string;
}

export interface GumDocument {
  name: string;
  /** Sentences of (token, XPOS). */
  sentences: Array<Array<{ text: string; tag: string }>>;
  mentions: GumMention[];
}

/** Documents of the GUM dev list in splits.md that are present in the kept (openly licensed) subset. */
export function readGumSplit(dir: string, split: 'dev' | 'train'): GumDocument[] {
  const md = readFileSync(join(dir, 'splits.md'), 'utf8');
  const section = md.split(/^## /m).find((s) => s.startsWith(`${split}\n`)) ?? '';
  const names = [...section.matchAll(/\* (GUM_\S+)/g)].map((m) => m[1]!);
  const present = new Set(readdirSync(join(dir, 'coref', 'gum', 'conll')).map((f) => f.replace(/\.conll$/, '')));
  return names.filter((n) => present.has(n)).map((n) => readGumDocument(dir, n));
}

function readGumDocument(dir: string, name: string): GumDocument {
  const sentences: Array<Array<{ text: string; tag: string }>> = [];
  let current: Array<{ text: string; tag: string }> = [];
  for (const line of readFileSync(join(dir, 'dep', `${name}.conllu`), 'utf8').split('\n')) {
    if (!line.trim()) {
      if (current.length) sentences.push(current);
      current = [];
      continue;
    }
    if (line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (!/^\d+$/.test(cols[0]!)) continue; // multiword ranges and empty nodes
    current.push({ text: cols[1]!, tag: cols[4]! });
  }
  if (current.length) sentences.push(current);

  const mentions: GumMention[] = [];
  const stack: Array<{ start: number; type: string; cluster: string }> = [];
  for (const line of readFileSync(join(dir, 'coref', 'gum', 'conll', `${name}.conll`), 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const [idx, , coref] = line.split('\t');
    const i = Number(idx);
    if (!coref || coref === '_') continue;
    // Openings first, then closings, scanning left to right: "(a-1(b-2)" opens a, opens+closes b.
    for (const m of coref.matchAll(/\(?([a-z]+)-(\d+)(?:-[^()]*)?\)?/g)) {
      const [text, type, cluster] = [m[0], m[1]!, m[2]!];
      const opens = text.startsWith('(');
      const closes = text.endsWith(')');
      if (opens) stack.push({ start: i, type, cluster });
      if (closes) {
        const at = stack.map((s) => s.cluster).lastIndexOf(cluster);
        if (at >= 0) {
          const [open] = stack.splice(at, 1);
          mentions.push({ start: open!.start, end: i + 1, type: open!.type, cluster });
        }
      }
    }
  }
  return { name, sentences, mentions };
}

export interface PolnearStatement {
  contentStart: number;
  contentEnd: number;
  sources: Array<{ start: number; end: number }>;
  /** Pieces of the cue span ("said", "according to"); empty when the event has none. */
  cues: Array<{ start: number; end: number }>;
}

export interface PolnearDocument {
  name: string;
  text: string;
  statements: PolnearStatement[];
}

/** PolNeAR documents of a split, each with the first annotator's file (alphabetical) when several annotated it. */
export function readPolnearSplit(dir: string, split: 'dev' | 'train'): PolnearDocument[] {
  const annFiles = readdirSync(join(dir, split, 'attributions')).sort();
  return readdirSync(join(dir, split, 'text'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, '');
      const ann = annFiles.find((a) => a.startsWith(`${name}_`));
      const text = readFileSync(join(dir, split, 'text', file), 'utf8');
      return { name, text, statements: ann ? readAnn(join(dir, split, 'attributions', ann)) : [] };
    });
}

function readAnn(file: string): PolnearStatement[] {
  const spans = new Map<string, Array<[number, number]>>();
  const events: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cols = line.split('\t');
    if (/^T\d+$/.test(cols[0] ?? '') && cols[1]) {
      const pieces = cols[1].replace(/^\S+ /, '').split(';');
      spans.set(
        cols[0]!,
        pieces.map((p) => p.trim().split(' ').map(Number) as [number, number]),
      );
    } else if (/^E\d+$/.test(cols[0] ?? '') && cols[1]) events.push(cols[1]);
  }
  const statements: PolnearStatement[] = [];
  for (const event of events) {
    const roles = new Map(event.split(' ').map((kv) => kv.split(':') as [string, string]));
    const first = spans.get(roles.get('Content') ?? '');
    if (!first) continue;
    // A split quote's second piece ("…," he said. "…") is the event's Content2: the content spans both pieces.
    const content = [...first, ...(spans.get(roles.get('Content2') ?? '') ?? [])];
    const source = spans.get(roles.get('Source') ?? '') ?? [];
    const cue = spans.get(roles.get('Cue') ?? '') ?? [];
    statements.push({
      contentStart: Math.min(...content.map((p) => p[0])),
      contentEnd: Math.max(...content.map((p) => p[1])),
      sources: source.map(([start, end]) => ({ start, end })),
      cues: cue.map(([start, end]) => ({ start, end })),
    });
  }
  return statements;
}
