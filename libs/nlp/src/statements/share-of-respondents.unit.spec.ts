import { describe, expect, it } from 'vitest';
import { scanTokens } from '../text/token-scanner';
import { approximatesShare, isCardinal, shareStart } from './share-of-respondents';

/** The share ending at the last token of `body`, as text, or null. */
function shareEndingBody(body: string): string | null {
  const tokens = scanTokens(body);
  const first = shareStart(tokens, tokens.length - 1, (i) => i >= 0);
  return first < 0 ? null : body.slice(tokens[first]!.start);
}

describe('shareStart', () => {
  it.each([
    ['Twenty-four percent', 'Twenty-four percent'],
    ['Voters were split: 55 percent', '55 percent'],
    ['nearly half', 'nearly half'],
    ['Then more than a third', 'more than a third'],
    ['Six in 10', 'Six in 10'],
    ['About one in five', 'About one in five'],
    ['a slim majority', 'a slim majority'],
    ['Only 48%', 'Only 48%'],
    ['Two-thirds', 'Two-thirds'],
  ])('reads "%s" as ending in the share "%s"', (body, share) => {
    expect(shareEndingBody(body)).toBe(share);
  });

  it.each(['the percent', 'Ten officials', 'the plan', 'in 10'])('reads no share at the end of "%s"', (body) => {
    expect(shareEndingBody(body)).toBeNull();
  });
});

describe('isCardinal', () => {
  it('takes digits and number words, hyphenated or not, and nothing else', () => {
    const [a, b, c, d, e] = scanTokens('24 Sixty-six ninety one-third twenty-ish');
    expect([a, b, c, d, e].map(isCardinal)).toEqual([true, true, true, false, false]);
  });
});

describe('approximatesShare', () => {
  it('takes "about" before a number or a share as part of it, and "about" before anything else as a preposition', () => {
    const tokens = scanTokens('about half about 40 about a third about the plan');
    expect([0, 2, 4, 7].map((i) => approximatesShare(tokens[i]!, tokens[i + 1]))).toEqual([true, true, true, false]);
  });
});
