import type { Token } from './token-scanner';

/** A sentence as a token range [first, last) and a character range [start, end) in the body. */
export interface Sentence {
  index: number;
  first: number;
  last: number;
  start: number;
  end: number;
  paragraph: number;
}

const TERMINATORS = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(["''", '"', '”', '’', "'", ')', ']', '»']);
const OPENERS = new Set(["''", '"', '“', '«', '„', '(', '‘', "'"]);
const DIGIT_START_RE = /^\p{N}/u;
const DOTTED_ABBREVIATION_RE = /^(?:\p{L}\.){2,}$/u;
/** Capitalised words that open a sentence and never continue a name or an abbreviation ("U.S. He said …"). */
const SENTENCE_OPENERS = new Set(['He', 'She', 'They', 'We', 'It', 'The', 'This', 'But', 'There']);

function startsNewSentence(next: Token): boolean {
  return next.isCap || next.shouted === true || DIGIT_START_RE.test(next.text) || OPENERS.has(next.text);
}

/**
 * The most tokens one sentence holds. Text with no sentence ends (a transcript or a list without full stops, or
 * hostile input) is cut into pieces of this many tokens, so that work done per sentence, which may scan the whole
 * sentence for each word, stays linear in the article's length. The longest sentence of PolNeAR's 924 train and
 * dev articles has 220 tokens.
 */
export const MAX_SENTENCE_TOKENS = 300;

/**
 * Splits tokens into sentences at terminal punctuation followed by a capitalised word, a digit or an opening quote,
 * and at every paragraph break. Closing quotes that hug the terminator stay with the sentence they close. A
 * sentence that reaches {@link MAX_SENTENCE_TOKENS} tokens ends there.
 */
export function splitSentences(tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (lastExclusive: number): void => {
    if (lastExclusive <= first) return;
    const head = tokens[first];
    const tail = tokens[lastExclusive - 1];
    if (!head || !tail) return;
    sentences.push({
      index: sentences.length,
      first,
      last: lastExclusive,
      start: head.start,
      end: tail.end,
      paragraph: head.paragraph,
    });
    first = lastExclusive;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i]!;
    const next = tokens[i + 1];
    if ((next && next.paragraph !== tok.paragraph) || i + 1 - first >= MAX_SENTENCE_TOKENS) {
      close(i + 1);
      continue;
    }
    if (!next) continue;
    // "… in the U.S. He says …": dotted initials end the sentence before a word that only opens one.
    if (DOTTED_ABBREVIATION_RE.test(tok.text) && next.start > tok.end && SENTENCE_OPENERS.has(next.text)) {
      close(i + 1);
      continue;
    }
    if (!TERMINATORS.has(tok.text)) continue;
    let j = i + 1;
    // A closing quote glued to the terminator belongs to this sentence.
    while (j < tokens.length && CLOSERS.has(tokens[j]!.text) && tokens[j]!.start === tokens[j - 1]!.end) j += 1;
    const after = tokens[j];
    if (!after) break;
    if (after.paragraph !== tok.paragraph || startsNewSentence(after)) {
      close(j);
      i = j - 1;
    }
  }
  close(tokens.length);
  return sentences;
}
