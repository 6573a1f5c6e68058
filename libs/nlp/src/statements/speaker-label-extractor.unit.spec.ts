import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import { extractSpeakerLabels } from './speaker-label-extractor';

function statementsOf(body: string): Array<[string | null, string]> {
  return analyzeArticle({ id: 'test', body }).statements.map((s) => [s.speaker?.name ?? null, s.text]);
}

describe(extractSpeakerLabels.name, () => {
  describe('when a headline paragraph opens with a person and a colon', () => {
    const body = 'Ann Carver: Voters Are Worried About The Budget.\n\nPollster Ann Carver spoke to reporters on Sunday.';

    it('reports the rest of the paragraph as her statement', () => {
      expect(statementsOf(body)).toContainEqual(['Ann Carver', 'Voters Are Worried About The Budget.']);
    });
  });

  describe('when transcript lines open with a surname and a colon', () => {
    const body =
      'Host Tom Reyes spoke with Senator Ann Carver on Sunday.\n\n' +
      'Reyes: Will you vote for the budget next week?\n\n' +
      'Carver: Well, look, we have not seen the final text yet.';

    it('gives each line to its labelled speaker', () => {
      const statements = statementsOf(body);
      expect(statements).toContainEqual(['Tom Reyes', 'Will you vote for the budget next week?']);
      expect(statements).toContainEqual(['Ann Carver', 'Well, look, we have not seen the final text yet.']);
    });
  });

  describe('when the label is not a person', () => {
    const body = 'Breaking: The budget vote has been delayed until next week.';

    it('reports nothing', () => {
      expect(statementsOf(body)).toEqual([]);
    });
  });
});
