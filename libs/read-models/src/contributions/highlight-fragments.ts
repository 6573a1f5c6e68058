/** A piece of a statement's text, and whether it matched the search query. */
export interface TextFragment {
  text: string;
  match: boolean;
}

/**
 * The delimiters `ts_headline` puts around matched words: control characters that ingest strips
 * from every text (`sanitizeText` in libs/contracts), so they cannot occur in a statement and need no escaping.
 */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_STOP = '\u0003';

/**
 * Splits a headline marked with {@link HIGHLIGHT_START}/{@link HIGHLIGHT_STOP} into plain and matched
 * segments, so clients render text, never HTML. Adjacent segments of the same kind are merged and
 * empty ones dropped; a stray delimiter is removed rather than shown.
 */
export function splitHighlighted(headline: string): TextFragment[] {
  const fragments: TextFragment[] = [];
  const push = (text: string, match: boolean): void => {
    if (text === '') return;
    const last = fragments[fragments.length - 1];
    if (last && last.match === match) last.text += text;
    else fragments.push({ text, match });
  };
  let match = false;
  let start = 0;
  for (let i = 0; i < headline.length; i += 1) {
    const char = headline[i];
    if (char !== HIGHLIGHT_START && char !== HIGHLIGHT_STOP) continue;
    push(headline.slice(start, i), match);
    match = char === HIGHLIGHT_START;
    start = i + 1;
  }
  push(headline.slice(start), match);
  return fragments;
}

/** The whole text as one unmatched segment: a statement shown without a query. */
export function unhighlighted(text: string): TextFragment[] {
  return [{ text, match: false }];
}
