import { describe, expect, it } from 'vitest';
import { NAME_TAGS, spansOfTags, TAG_COUNT, viterbi } from './name-tagger';
import { nameTagger } from './name-tagger.model';

const tag = (name: string): number => NAME_TAGS.indexOf(name as (typeof NAME_TAGS)[number]);

describe('spansOfTags', () => {
  describe('when a B- tag follows an entity of the same type', () => {
    it('starts a new span', () => {
      expect(spansOfTags([tag('B-PER'), tag('I-PER'), tag('B-PER'), tag('O'), tag('B-LOC')])).toEqual([
        { start: 0, end: 2, type: 'PER' },
        { start: 2, end: 3, type: 'PER' },
        { start: 4, end: 5, type: 'LOC' },
      ]);
    });
  });
});

describe('viterbi', () => {
  describe('when the emissions favour an I- tag that no B- tag opens', () => {
    it('never produces an ill-formed IOB2 sequence', () => {
      const emissions = new Float64Array(2 * TAG_COUNT);
      emissions[tag('I-ORG')] = 5;
      emissions[tag('O')] = 1;
      emissions[TAG_COUNT + tag('O')] = 1;
      emissions[TAG_COUNT + tag('I-PER')] = 5;
      const tags = viterbi(emissions, 2, new Float64Array((TAG_COUNT + 1) * TAG_COUNT));
      // The start cannot take I-ORG, so the best legal path opens the person with B-PER.
      expect([...tags].map((t) => NAME_TAGS[t])).toEqual(['B-PER', 'I-PER']);
    });
  });
});

describe('NameTagger', () => {
  describe('when a newswire sentence names a person, an organisation and a place', () => {
    it('tags each with its type', () => {
      const words = 'German Chancellor Helmut Kohl told Reuters in Bonn on Monday that the talks would go on .'.split(' ');
      const spans = nameTagger().spans(words).map((s) => [words.slice(s.start, s.end).join(' '), s.type]);
      expect(spans).toEqual(expect.arrayContaining([['Helmut Kohl', 'PER'], ['Reuters', 'ORG'], ['Bonn', 'LOC']]));
    });
  });

  describe('when tagging the same words twice', () => {
    it('returns the same tags (no state between calls)', () => {
      const words = 'Manchester United beat Chelsea 2-1 at Old Trafford .'.split(' ');
      expect([...nameTagger().tag(words)]).toEqual([...nameTagger().tag(words)]);
    });
  });
});
