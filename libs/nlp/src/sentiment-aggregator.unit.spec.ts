import { describe, expect, it } from 'vitest';
import type { Mention } from './analysis.types';
import { actorSentiment, MAX_MENTIONS_JUDGED, spanSentiment } from './sentiment-aggregator';
import type { Sentence } from './text/sentence-splitter';

const PRAISED = 'Kiro was praised as a brilliant and courageous leader.';
const ACCUSED = 'Kiro was accused of corruption and fraud.';

/** A body of the given sentences, one mention of "Kiro" at the start of each. */
function bodyOf(lines: readonly string[]): { body: string; sentences: Sentence[]; mentions: Mention[] } {
  const sentences: Sentence[] = [];
  const mentions: Mention[] = [];
  let body = '';
  for (const [index, line] of lines.entries()) {
    const start = body.length;
    body += `${line} `;
    sentences.push({ index, first: 0, last: 0, start, end: start + line.length, paragraph: 0 });
    mentions.push({ start, end: start + 4, text: 'Kiro', kind: 'name' });
  }
  return { body, sentences, mentions };
}

describe('actorSentiment', () => {
  const praised = bodyOf([PRAISED]);
  const accused = bodyOf([ACCUSED]);
  const praisedScore = spanSentiment(praised.body, praised.sentences, 0, 4).score;
  const accusedScore = spanSentiment(accused.body, accused.sentences, 0, 4).score;

  it('scores the two sentences apart, so that a mean of them tells which were judged', () => {
    expect(praisedScore - accusedScore).toBeGreaterThan(0.3);
  });

  describe(`when an actor is mentioned at most ${MAX_MENTIONS_JUDGED} times`, () => {
    it('is the mean over every mention', () => {
      const lines = Array.from({ length: MAX_MENTIONS_JUDGED }, (_, i) => (i % 3 === 0 ? PRAISED : ACCUSED));
      const { body, sentences, mentions } = bodyOf(lines);
      const praisedShare = lines.filter((l) => l === PRAISED).length / lines.length;
      expect(actorSentiment(body, sentences, mentions).score).toBeCloseTo(
        praisedShare * praisedScore + (1 - praisedShare) * accusedScore,
        9,
      );
    });
  });

  describe('when an actor is mentioned thousands of times', () => {
    it('judges an even sample over the whole body, not its opening', () => {
      const lines = Array.from({ length: 4000 }, (_, i) => (i < 2000 ? ACCUSED : PRAISED));
      const { body, sentences, mentions } = bodyOf(lines);
      expect(actorSentiment(body, sentences, mentions).score).toBeCloseTo((praisedScore + accusedScore) / 2, 9);
    });
  });
});
