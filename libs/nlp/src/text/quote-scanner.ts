import type { Token } from './token-scanner';

/** A quotation: token range of its content and character range of the quoted words (marks excluded). */
export interface QuoteSpan {
  index: number;
  /** Token index of the opening mark. */
  open: number;
  /** Token index of the closing mark, or -1 when the quote runs to the end of its last paragraph. */
  close: number;
  start: number;
  end: number;
  firstParagraph: number;
  lastParagraph: number;
}

const STRAIGHT = '"';
/** Two apostrophes, one token: a straight double quote in some newspapers' copy. */
const DOUBLE_APOSTROPHE = "''";
const OPEN_ONLY = new Set(['“', '«', '„']);
const CLOSE_ONLY = new Set(['”', '»']);

function straightened(text: string): string {
  return text === DOUBLE_APOSTROPHE ? STRAIGHT : text;
}

function isQuoteMark(text: string): boolean {
  return text === STRAIGHT || OPEN_ONLY.has(text) || CLOSE_ONLY.has(text);
}

function closes(openMark: string, mark: string): boolean {
  if (openMark === '„') return mark === '“' || mark === '”';
  if (openMark === '«') return mark === '»';
  if (openMark === '“') return mark === '”' || mark === STRAIGHT;
  return mark === STRAIGHT || mark === '”';
}

/**
 * Finds double-quoted passages (straight, curly, guillemets, low-high). Single quotes are ignored on purpose: they
 * collide with apostrophes and mostly mark quotes nested inside a double-quoted one.
 * A quote left open at the end of a paragraph continues when the next paragraph opens with a quote mark (the
 * newspaper convention for multi-paragraph quotes); otherwise it ends with its paragraph.
 */
export function scanQuotes(tokens: readonly Token[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openIdx = -1;
  let openMark = '';
  const emit = (close: number, lastContent: number): void => {
    const first = tokens[openIdx + 1];
    const last = tokens[lastContent];
    const opener = tokens[openIdx]!;
    if (first && last && lastContent > openIdx) {
      spans.push({
        index: spans.length,
        open: openIdx,
        close,
        start: first.start,
        end: last.end,
        firstParagraph: opener.paragraph,
        lastParagraph: last.paragraph,
      });
    }
    openIdx = -1;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i]!;
    const prev = tokens[i - 1];
    if (openIdx !== -1 && prev && prev.paragraph !== tok.paragraph) {
      // Paragraph break inside an open quote: continue only if this paragraph starts with a quote mark.
      if (OPEN_ONLY.has(tok.text) || straightened(tok.text) === STRAIGHT) continue;
      emit(-1, i - 1);
    }
    const mark = straightened(tok.text);
    if (!isQuoteMark(mark)) continue;
    if (openIdx === -1) {
      if (CLOSE_ONLY.has(mark)) {
        // Some sources use ” for both marks; treat it as an opener only when it hugs the following word.
        const next = tokens[i + 1];
        if (!(next && next.start === tok.end && (!prev || prev.end < tok.start))) continue;
      }
      openIdx = i;
      openMark = mark;
    } else if (closes(openMark, mark)) {
      emit(i, i - 1);
    } else if (OPEN_ONLY.has(mark) && tok.paragraph !== tokens[openIdx]!.paragraph) {
      continue;
    }
  }
  if (openIdx !== -1) emit(-1, tokens.length - 1);
  return spans;
}
