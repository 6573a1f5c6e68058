import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from './article-analyzer';
import type { ArticleAnalysis, ExtractedStatement } from './analysis.types';

interface GoldStatement {
  speaker: string;
  kind: 'direct' | 'indirect';
  text: string;
}

interface Gold {
  actors: Array<{ name: string; kind: 'person' | 'organization' }>;
  places: string[];
  not_actors: string[];
  statements: GoldStatement[];
}

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');
const raw = readFileSync(join(FIXTURES, 'istanbul-talks.txt'), 'utf8');
const gold = JSON.parse(readFileSync(join(FIXTURES, 'istanbul-talks.gold.json'), 'utf8')) as Gold;
const newline = raw.indexOf('\n');
const title = raw.slice(0, newline);
const body = raw.slice(newline + 1);

/** Tolerant comparison: straight apostrophes, collapsed whitespace, no trailing punctuation. */
function norm(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s,.;:!?]+$/u, '')
    .toLowerCase();
}

function findStatement(analysis: ArticleAnalysis, g: GoldStatement): ExtractedStatement | undefined {
  const wanted = norm(g.text);
  return analysis.statements.find((s) => s.kind === g.kind && norm(s.text) === wanted);
}

describe(analyzeArticle.name, () => {
  const analysis = analyzeArticle({ id: 'istanbul-talks', title, body });

  describe('when given the Istanbul talks seed article', () => {
    it('finds every gold actor with its kind', () => {
      for (const g of gold.actors) {
        const actor = analysis.actors.find((a) => a.name === g.name);
        expect(actor, g.name).toBeDefined();
        expect(actor?.kind, g.name).toBe(g.kind);
      }
    });

    it('reports no junk actors and no places as actors', () => {
      const names = analysis.actors.map((a) => a.name);
      for (const junk of [...gold.not_actors, ...gold.places]) expect(names, junk).not.toContain(junk);
      expect(names).toHaveLength(gold.actors.length);
    });

    it('reports the gold places as places', () => {
      const places = analysis.places.map((p) => p.name);
      for (const place of gold.places) expect(places, place).toContain(place);
    });

    it('finds every direct quote with the gold speaker', () => {
      const direct = gold.statements.filter((s) => s.kind === 'direct');
      for (const g of direct) {
        const found = findStatement(analysis, g);
        expect(found, g.text).toBeDefined();
        expect(found?.speaker?.name, g.text).toBe(g.speaker);
      }
      expect(analysis.statements.filter((s) => s.kind === 'direct')).toHaveLength(direct.length);
    });

    it('attributes four direct quotes to Zelenskyy and one to Trump', () => {
      const counts = new Map<string, number>();
      for (const s of analysis.statements.filter((x) => x.kind === 'direct')) {
        const name = s.speaker?.name ?? 'none';
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      expect(Object.fromEntries(counts)).toEqual({ 'Volodymyr Zelenskyy': 4, 'Donald Trump': 1 });
    });

    it('finds at least five gold reported statements with the gold speaker', () => {
      const indirect = gold.statements.filter((s) => s.kind === 'indirect');
      const matched = indirect.filter((g) => findStatement(analysis, g)?.speaker?.name === g.speaker);
      expect(matched.length).toBeGreaterThanOrEqual(5);
    });

    it('never gives a gold reported statement a wrong speaker', () => {
      for (const g of gold.statements.filter((s) => s.kind === 'indirect')) {
        const found = findStatement(analysis, g);
        if (found?.speaker) expect(found.speaker.name, g.text).toBe(g.speaker);
      }
    });

    it('folds surnames, possessives and speaker pronouns into the full-name actor', () => {
      const zelenskyy = analysis.actors.find((a) => a.name === 'Volodymyr Zelenskyy')!;
      const texts = zelenskyy.mentions.map((m) => m.text);
      expect(zelenskyy.id).toBe('person:volodymyr-zelenskyy');
      expect(texts).toContain('Zelenskyy');
      expect(texts.filter((t) => t.toLowerCase() === 'he').length).toBeGreaterThanOrEqual(2);
      const trump = analysis.actors.find((a) => a.name === 'Donald Trump')!;
      expect(trump.mentions.every((m) => !m.text.endsWith("'s") && !m.text.endsWith('’s'))).toBe(true);
      expect(trump.mentions.length).toBeGreaterThanOrEqual(5);
    });

    it('gives mention offsets that point at the mention text in the body', () => {
      for (const actor of analysis.actors) {
        for (const m of actor.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
      }
      for (const s of analysis.statements) expect(body.slice(s.start, s.end)).toBe(s.text);
    });

    it('reads roles from the text', () => {
      const role = (name: string): string | undefined => analysis.actors.find((a) => a.name === name)?.role;
      expect(role('Volodymyr Zelenskyy')).toBe('Ukrainian President');
      expect(role('Marco Rubio')).toBe('Secretary of State');
      expect(role('Rustem Umerov')).toBe('defense minister');
      expect(role('Steve Witkoff')).toBe("Trump's special envoy");
    });

    it('orders actors by first mention and statements by start offset', () => {
      const firsts = analysis.actors.map((a) => a.mentions[0]!.start);
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      const starts = analysis.statements.map((s) => s.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });

    it('attaches sentiment in range to actors and statements', () => {
      for (const x of [...analysis.actors, ...analysis.statements]) {
        expect(x.sentiment.score).toBeGreaterThanOrEqual(-1);
        expect(x.sentiment.score).toBeLessThanOrEqual(1);
        expect(['negative', 'neutral', 'positive']).toContain(x.sentiment.label);
      }
    });

    it('is deterministic', () => {
      expect(analyzeArticle({ id: 'istanbul-talks', title, body })).toEqual(analysis);
    });
  });
});
