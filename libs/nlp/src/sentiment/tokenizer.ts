/** One word-like token with its character span in the source text. */
export interface Token {
  /** Lower-cased, apostrophes normalised ("don’t" → "don't"). */
  norm: string;
  start: number;
  end: number;
}

// Words (with inner apostrophes/hyphens), numbers, and single punctuation marks. Punctuation is kept because quotes,
// colons and commas delimit clauses and quoted speech, which matter for whom a sentiment word is about.
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[“”"«»„‘’'.,;:!?()—–-]/gu;

/**
 * Splits text into tokens with offsets. Deterministic and allocation-light: one array of small objects per call.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const raw = m[0];
    out.push({
      norm: normalize(raw),
      start: m.index,
      end: m.index + raw.length,
    });
  }
  return out;
}

function normalize(raw: string): string {
  const lower = raw.toLowerCase();
  return lower.indexOf('’') >= 0 ? lower.replace(/’/g, "'") : lower;
}

/** True for tokens that open or close a quotation. */
export function isQuoteToken(norm: string): boolean {
  return norm === '"' || norm === '“' || norm === '”' || norm === '«' || norm === '»' || norm === '„';
}

/** Words that flip the polarity of what follows, up to the next clause boundary. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nor',
  'neither',
  'without',
  "n't",
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "won't",
  "wouldn't",
  "can't",
  'cannot',
  "couldn't",
  "shouldn't",
  "hasn't",
  "haven't",
  "hadn't",
  'nothing',
  'nobody',
  'none',
  'hardly',
  'barely',
  'lack',
  'lacks',
  'lacked',
  'fail',
  'fails',
  'failed',
]);

/** Tokens that end a negation scope (clause boundaries). */
export function isClauseBoundary(norm: string): boolean {
  return (
    norm === '.' ||
    norm === ',' ||
    norm === ';' ||
    norm === ':' ||
    norm === '!' ||
    norm === '?' ||
    norm === 'but' ||
    norm === 'however' ||
    norm === '—' ||
    norm === '–' ||
    norm === '(' ||
    norm === ')' ||
    isQuoteToken(norm)
  );
}
