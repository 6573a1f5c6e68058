import { ArticleAnalyzedData } from '@chronicle/contracts';

type Analysis = ArticleAnalyzedData['analysis'];
type Statement = Analysis['statements'][number];
type Stance = NonNullable<Analysis['stances']>[number];

/** What changed in one article between two analyzer versions. */
export interface AnalysisDiff {
  articleId: string;
  actorsAdded: string[];
  actorsRemoved: string[];
  statementsAdded: number;
  statementsRemoved: number;
  /** Stances (analyzers since chronicle-nlp/1.23.0) by span: those a version before it lacks all count as added. */
  stancesAdded: number;
  stancesRemoved: number;
  /** Same statement span, different speaker. */
  speakersChanged: Array<{ text: string; before: string | null; after: string | null }>;
}

const spanKey = (s: Statement) => `${s.kind}:${s.start}:${s.end}`;
const stanceKey = (s: Stance) => `${s.start}:${s.end}`;

/** Compares two analyses of the same article text (actors by id, statements by kind and span, stances by span). */
export function diffAnalyses(articleId: string, before: Analysis, after: Analysis): AnalysisDiff {
  const beforeActors = new Set(before.actors.map((a) => a.id));
  const afterActors = new Set(after.actors.map((a) => a.id));
  const beforeStatements = new Map(before.statements.map((s) => [spanKey(s), s]));
  const afterStatements = new Map(after.statements.map((s) => [spanKey(s), s]));
  const beforeStances = new Set((before.stances ?? []).map(stanceKey));
  const afterStances = new Set((after.stances ?? []).map(stanceKey));
  const speakersChanged: AnalysisDiff['speakersChanged'] = [];
  for (const [key, statement] of afterStatements) {
    const previous = beforeStatements.get(key);
    if (previous && (previous.speaker?.actorId ?? null) !== (statement.speaker?.actorId ?? null)) {
      speakersChanged.push({
        text: statement.text,
        before: previous.speaker?.name ?? null,
        after: statement.speaker?.name ?? null,
      });
    }
  }
  return {
    articleId,
    actorsAdded: [...afterActors].filter((id) => !beforeActors.has(id)).sort(),
    actorsRemoved: [...beforeActors].filter((id) => !afterActors.has(id)).sort(),
    statementsAdded: [...afterStatements.keys()].filter((k) => !beforeStatements.has(k)).length,
    statementsRemoved: [...beforeStatements.keys()].filter((k) => !afterStatements.has(k)).length,
    stancesAdded: [...afterStances].filter((k) => !beforeStances.has(k)).length,
    stancesRemoved: [...beforeStances].filter((k) => !afterStances.has(k)).length,
    speakersChanged,
  };
}

/** True when nothing a reader would notice changed. */
export function isUnchanged(diff: AnalysisDiff): boolean {
  return (
    diff.actorsAdded.length +
      diff.actorsRemoved.length +
      diff.statementsAdded +
      diff.statementsRemoved +
      diff.stancesAdded +
      diff.stancesRemoved +
      diff.speakersChanged.length ===
    0
  );
}
