import type { ArticleDocument } from '../text/article-document';

/** How a sentence reads as sports copy: not at all, as a team result, or as an individual (set-scored) result. */
export type SportsKind = 0 | 1 | 2;
export const NOT_SPORTS: SportsKind = 0;
export const TEAM_SPORTS: SportsKind = 1;
export const INDIVIDUAL_SPORTS: SportsKind = 2;

const SCORE_RE = /^\d{1,3}-\d{1,3}$/;
const NUMBER_RE = /^\d+(?:-\d+)?$/;
// Verbs and marks that make a sentence a match result even without a score.
const RESULT_WORDS = new Set(['beat', 'beats', 'defeated', 'drew', 'v', 'vs', 'vs.', 'thrashed', 'edged', 'routed', 'overcame']);
/** Words on either side of a team name in a result: "beat X", "lost to X", "X drew with". */
export const TEAM_NEIGHBOURS_BEFORE = new Set([
  'beat',
  'beats',
  'defeated',
  'to',
  'with',
  'v',
  'vs',
  'vs.',
  'against',
  'over',
  'for',
  'host',
  'hosts',
  'hosted',
  'visit',
  'visiting',
  'face',
  'faces',
  'faced',
  'thrashed',
  'edged',
  'routed',
  'and',
  'at',
]);
export const TEAM_NEIGHBOURS_AFTER = new Set([
  'beat',
  'beats',
  'defeated',
  'drew',
  'lost',
  'won',
  'v',
  'vs',
  'vs.',
  'edged',
  'thrashed',
  'routed',
  'were',
  'are',
  'and',
  'host',
  'hosts',
  'hosted',
  'lead',
  'leads',
  'led',
  'went',
  'moved',
  'climbed',
  'stay',
  'stayed',
  'remain',
  'remained',
]);

/** True for a bare number or score token ("2-1", "152", "6-4"). */
export function isNumberToken(text: string): boolean {
  return NUMBER_RE.test(text);
}

/** The strongest sports kind backed by an actual score somewhere in the article (result verbs alone do not count). */
export function articleSportsKind(doc: ArticleDocument, kinds: Uint8Array): SportsKind {
  let best: SportsKind = NOT_SPORTS;
  for (const s of doc.sentences) {
    if (kinds[s.index] === INDIVIDUAL_SPORTS) return INDIVIDUAL_SPORTS;
    if (kinds[s.index] === TEAM_SPORTS) {
      for (let i = s.first; i < s.last; i += 1) if (SCORE_RE.test(doc.tokens[i]!.text)) best = TEAM_SPORTS;
    }
  }
  return best;
}

/**
 * Classifies every sentence once: a score ("2-1") or a result verb makes it sports copy; two set scores in a row
 * ("6-4 6-3") mark an individual sport, where lone names are players rather than teams.
 */
export function classifySportsSentences(doc: ArticleDocument): Uint8Array {
  const kinds = new Uint8Array(doc.sentences.length);
  const { tokens } = doc;
  for (const s of doc.sentences) {
    let kind: SportsKind = NOT_SPORTS;
    for (let i = s.first; i < s.last; i += 1) {
      const t = tokens[i]!.text;
      if (SCORE_RE.test(t)) {
        if (SCORE_RE.test(tokens[i + 1]?.text ?? '') && i + 1 < s.last) {
          kind = INDIVIDUAL_SPORTS;
          break;
        }
        kind = TEAM_SPORTS;
      } else if (RESULT_WORDS.has(tokens[i]!.lower) && kind === NOT_SPORTS) {
        kind = TEAM_SPORTS;
      }
    }
    kinds[s.index] = kind;
  }
  return kinds;
}
