import { wordSet } from '../lexicon/word-lists';
import type { Token } from '../text/token-scanner';

// A share of those asked as the subject of a speech verb: "Twenty-four percent said", "nearly half said", "a third
// say", "Six in 10 said". Polls report what their respondents said this way, and PolNeAR annotates the share as the
// source ("Sixty-six percent", "about half", "three-quarters").

/** Heads of a share ("percent" only after a number); a hyphenated fraction ends in one ("two-thirds"). */
const SHARE_HEADS = wordSet('percent half third thirds quarter quarters fourths fifths majority plurality minority');

/** Words that may lead a share: "about half", "more than a third", "a slim majority". */
const SHARE_LEADS = wordSet(`
  a an about nearly almost roughly around approximately some over under only just fully barely than more fewer less
  the slim narrow large vast clear overwhelming solid bare
`);

const NUMBER_PARTS = wordSet(`
  one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen
  nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
`);

/** "about half", "over 60 percent", "about a third": an approximation opening a share, not a preposition. */
export function approximatesShare(lead: Token, next: Token | undefined): boolean {
  if (lead.lower !== 'about' && lead.lower !== 'over' && lead.lower !== 'under') return false;
  return next !== undefined && (isCardinal(next) || SHARE_HEADS.has(next.lower) || next.lower === 'a');
}

/** "24", "24.5", "Twenty-four", "sixty": a cardinal number, in digits or in words. */
export function isCardinal(t: Token | undefined): boolean {
  if (!t) return false;
  if (/^\d[\d,.]*$/.test(t.text)) return true;
  return t.lower.split('-').every((part) => NUMBER_PARTS.has(part));
}

/**
 * The first token of the share that token `k` ends ("percent" in "Twenty-four percent", "half" in "nearly half", "10"
 * in "Six in 10"), or -1 when `k` ends none. `inSentence` bounds the look back.
 */
export function shareStart(tokens: readonly Token[], k: number, inSentence: (i: number) => boolean): number {
  const t = tokens[k]!;
  let first: number;
  if (t.lower === 'percent' || t.text === '%') {
    if (!inSentence(k - 1) || !isCardinal(tokens[k - 1])) return -1;
    first = k - 1;
  } else if (SHARE_HEADS.has(t.lower.slice(t.lower.lastIndexOf('-') + 1))) {
    first = k;
  } else if (isCardinal(t) && tokens[k - 1]?.lower === 'in' && inSentence(k - 2) && isCardinal(tokens[k - 2])) {
    first = k - 2; // "Six in 10"
  } else {
    return -1;
  }
  while (inSentence(first - 1) && (SHARE_LEADS.has(tokens[first - 1]!.lower) || isCardinal(tokens[first - 1]))) first -= 1;
  return first;
}
