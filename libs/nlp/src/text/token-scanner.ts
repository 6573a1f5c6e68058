/** One word or punctuation mark of the body, with its character offsets. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Letters or digits (as opposed to a single punctuation mark). */
  isWord: boolean;
  /** Starts with an upper-case letter. */
  isCap: boolean;
  /** Paragraph index (paragraphs are separated by line breaks). */
  paragraph: number;
  /** Upper-case in an all-caps passage, where capitals say nothing about names (see shouting-normalizer). */
  shouted?: boolean;
}

// Words keep internal apostrophes, hyphens, dots and ampersands ("Trump’s", "30-day", "U.S", "AT&T").
// Two apostrophes are one mark: some newspapers (the New York Times archive) write double quotes as ''. Of three, the
// first closes a nested single quote before the double one closes (`'I'm sorry,'''`).
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|'(?='')|''|[^\s\p{L}\p{N}]/gu;
const UPPER_START_RE = /^\p{Lu}/u;
const DOTTED_INITIALS_RE = /^(?:\p{L}\.)+\p{L}$/u;
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'sgt',
  'capt',
  'jr',
  'sr',
  'inc',
  'corp',
  'ltd',
  'co',
  'mx',
  'vs',
  'etc',
  'ave',
  'rev',
  'hon',
  'cmdr',
  'adm',
  'maj',
  'pres',
  'supt',
]);

/** "No. 2", "no. 10": "no" abbreviates "number" before a figure. */
const FIGURE_AFTER_RE = /^ ?\p{N}/u;

/** Month abbreviations, whose dot ends no sentence before a day ("Dec. 28", "Sept. 11"). */
const MONTH_ABBREVIATIONS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

/** True when a trailing dot belongs to the word ("Mr.", "U.S.", "J.", "No. 2") rather than ending the sentence. */
function takesAbbreviationDot(word: string, body: string, afterDot: number): boolean {
  const lower = word.toLowerCase();
  if (lower === 'no' || (MONTH_ABBREVIATIONS.has(lower) && UPPER_START_RE.test(word)))
    return FIGURE_AFTER_RE.test(body.slice(afterDot, afterDot + 2));
  return ABBREVIATIONS.has(lower) || DOTTED_INITIALS_RE.test(word) || /^\p{Lu}$/u.test(word);
}

/** Splits a body into tokens in one regex pass; paragraph numbers advance at every line break. */
export function scanTokens(body: string): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(TOKEN_RE.source, TOKEN_RE.flags);
  let paragraph = 0;
  let nextBreak = body.indexOf('\n');
  let sawText = false;
  let match: RegExpExecArray | null;
  while ((match = re.exec(body)) !== null) {
    let text = match[0];
    const start = match.index;
    if (nextBreak !== -1 && nextBreak < start) {
      if (sawText) paragraph += 1;
      nextBreak = body.indexOf('\n', start);
    }
    const isWord = text.length > 1 || /[\p{L}\p{N}]/u.test(text);
    if (
      isWord &&
      body.charCodeAt(start + text.length) === 46 /* . */ &&
      takesAbbreviationDot(text, body, start + text.length + 1)
    ) {
      text += '.';
      re.lastIndex = start + text.length;
    }
    const end = start + text.length;
    tokens.push({ text, lower: text.toLowerCase(), start, end, isWord, isCap: isWord && UPPER_START_RE.test(text), paragraph });
    sawText = true;
  }
  return tokens;
}
