import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from './article-analyzer';
import type { ArticleAnalysis, ExtractedStatement } from './analysis.types';

const analyze = (body: string): ArticleAnalysis => analyzeArticle({ id: 't', body });
const spanOf = (body: string, text: string, from = 0): { start: number; end: number } => {
  const start = body.indexOf(text, from);
  return { start, end: start + text.length };
};
const statementWith = (a: ArticleAnalysis, words: string): ExtractedStatement => {
  const s = a.statements.find((x) => x.text.includes(words));
  if (!s) throw new Error(`no statement with "${words}"`);
  return s;
};

describe(analyzeArticle.name, () => {
  describe('when an actor is named, then referred to by pronoun and by description', () => {
    const body =
      'Ukrainian President Volodymyr Zelenskyy arrived in Istanbul on Thursday. "We came to talk," he said. ' +
      'Later the Ukrainian president said that the talks would go on.';
    const actor = analyze(body).actors.find((a) => a.name === 'Volodymyr Zelenskyy')!;

    it('marks each mention with how it names the actor', () => {
      expect(actor.mentions.map((m) => [body.slice(m.start, m.end), m.kind])).toEqual([
        ['Volodymyr Zelenskyy', 'name'],
        ['he', 'pronoun'],
        ['Ukrainian president', 'description'],
      ]);
    });
  });

  describe('when narration refers to an actor by subject, object and possessive pronouns', () => {
    it('records each resolved pronoun outside quotes as a pronoun mention', () => {
      const body =
        'Senator Mia Kell arrived on Monday. She thanked her staff, and the staff cheered her. "We love him," they said.';
      const kell = analyze(body).actors.find((a) => a.name === 'Mia Kell')!;
      expect(kell.mentions.map((m) => [m.text, m.kind])).toEqual([
        ['Mia Kell', 'name'],
        ['She', 'pronoun'],
        ['her', 'pronoun'],
        ['her', 'pronoun'],
      ]);
    });
  });

  describe('when a speaker refers to themselves inside their quote', () => {
    it('records "I" and "my" as pronoun mentions of the speaker, and no one else\'s "I"', () => {
      const body =
        'Senator Mia Kell spoke on Monday. "I will fight, and my staff will too," Kell said. "I doubt it," a voter said.';
      const kell = analyze(body).actors.find((a) => a.name === 'Mia Kell')!;
      expect(kell.mentions.map((m) => [m.text, m.kind, m.start])).toEqual([
        ['Mia Kell', 'name', body.indexOf('Mia Kell')],
        ['I', 'pronoun', body.indexOf('I will')],
        ['my', 'pronoun', body.indexOf('my staff')],
        ['Kell', 'name', body.indexOf('Kell said')],
      ]);
    });
  });

  describe('when a quote is attributed after it by name', () => {
    const body = '"We are ready to send troops if a deal is reached," said Prime Minister Keir Starmer.';
    const s = statementWith(analyze(body), 'We are ready');

    it('gives the offsets of the cue and of the speaker mention in the body', () => {
      expect(s.cueSpan).toEqual(spanOf(body, 'said Prime Minister Keir Starmer'));
      expect(s.speaker?.mention).toEqual(spanOf(body, 'Keir Starmer'));
    });
  });

  describe('when the speaker of a later quote is a pronoun', () => {
    const body = 'Senator Paul Hendricks left the chamber. "The plan is dead," he said.';
    const s = statementWith(analyze(body), 'The plan is dead');

    it('points the speaker mention at the pronoun, not at the earlier name', () => {
      expect(s.speaker?.name).toBe('Paul Hendricks');
      expect(s.speaker?.mention).toEqual(spanOf(body, 'he', body.indexOf('," ')));
    });
  });

  describe('when a coordinated verb shares the subject of an earlier attribution', () => {
    const body = 'Senator Mia Kell said she would order a review of the data, and warned that hackers were active in the state.';
    const s = statementWith(analyze(body), 'hackers were active');

    it('points the speaker mention at the subject, not at a pronoun in the earlier reported words', () => {
      expect(s.speaker?.name).toBe('Mia Kell');
      expect(s.speaker?.mention).toEqual(spanOf(body, 'Mia Kell'));
    });
  });

  describe('when a split quote is joined around its attribution', () => {
    const body =
      'Trump spoke in Ohio on Monday. Senator Mia Kell answered him later. ' +
      '"Like Oakland. Or Ferguson," Kell said. "The crime numbers are worse."';
    const s = statementWith(analyze(body), 'Like Oakland');

    it('points the speaker mention at the name in the attribution inside the joined span', () => {
      expect(s.text).toContain('The crime numbers are worse');
      expect(s.speaker?.name).toBe('Mia Kell');
      expect(s.speaker?.mention).toEqual(spanOf(body, 'Kell', body.indexOf('," ')));
    });
  });

  describe('when given the Istanbul talks seed article', () => {
    const raw = readFileSync(join(__dirname, '..', 'test', 'fixtures', 'istanbul-talks.txt'), 'utf8');
    const body = raw.slice(raw.indexOf('\n') + 1);
    const analysis = analyzeArticle({ id: 'istanbul-talks', body });

    it('gives every cue a span that covers exactly its text', () => {
      const cued = analysis.statements.filter((s) => s.cue !== undefined);
      expect(cued.length).toBeGreaterThan(0);
      for (const s of cued) expect(body.slice(s.cueSpan!.start, s.cueSpan!.end)).toBe(s.cue);
    });

    it('points every speaker mention at a mention of that speaker (or an unnamed source at its description) outside the statement or inside its cue', () => {
      for (const s of analysis.statements.filter((x) => x.speaker)) {
        const m = s.speaker!.mention!;
        const actor = analysis.actors.find((a) => a.id === s.speaker!.actorId);
        if (actor) expect(actor.mentions.some((x) => x.start === m.start && x.end === m.end)).toBe(true);
        else expect([s.speaker!.actorId.startsWith('unnamed:'), body.slice(m.start, m.end)]).toEqual([true, s.speaker!.name]);
        const inCue = s.cueSpan !== undefined && m.start >= s.cueSpan.start && m.end <= s.cueSpan.end;
        expect(m.end <= s.start || m.start >= s.end || inCue).toBe(true);
      }
    });

    it('gives every actor and place mention a kind', () => {
      const mentions = [...analysis.actors, ...analysis.places].flatMap((a) => a.mentions);
      expect(mentions.every((m) => m.kind === 'name' || m.kind === 'pronoun' || m.kind === 'description')).toBe(true);
    });
  });
});
