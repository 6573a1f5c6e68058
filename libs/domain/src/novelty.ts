import { ArticleAnalyzedData, deterministicId } from '@chronicle/contracts';
import { normalizeStatementText } from './statement-cluster';
import { statementId } from './statement-identity';

/** Words per shingle: long enough that two different sentences rarely share many. */
export const SHINGLE_WORDS = 3;
/** Below this many shingles the shorter text is too short for containment; Jaccard decides. */
const MIN_CONTAINMENT_SHINGLES = 3;
/** A cluster remembers at most this many shingles (its first statement's, then its members'). */
export const MAX_CLUSTER_SHINGLES = 1000;

/** FNV-1a, 32 bit, as a signed int (Postgres `int4`). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * The statement's word shingles (every run of `SHINGLE_WORDS` normalised words), hashed, sorted
 * and de-duplicated. Case, accents, quote marks and punctuation do not change them; a statement
 * shorter than a shingle is one shingle of all its words.
 */
export function statementShingles(text: string): number[] {
  const words = normalizeStatementText(text).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const shingles = new Set<number>();
  if (words.length < SHINGLE_WORDS) shingles.add(fnv1a(words.join(' ')));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1) shingles.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return [...shingles].sort((a, b) => a - b);
}

function intersectionSize(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return shared;
}

/**
 * Similarity of two sorted shingle sets in [0, 1]: the containment of the smaller in the larger
 * (Broder), so a quote trimmed or embedded in a longer quote scores 1; for very short texts,
 * where containment would be noise, the Jaccard index.
 */
export function shingleSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = intersectionSize(a, b);
  const smaller = Math.min(a.length, b.length);
  if (smaller < MIN_CONTAINMENT_SHINGLES) return shared / (a.length + b.length - shared);
  return shared / smaller;
}

function unionSorted(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, MAX_CLUSTER_SHINGLES);
}

/** A statement to place in a cluster. */
export interface NoveltyStatement {
  statementId: string;
  actorId: string;
  text: string;
  articleId: string;
  articleUrl: string | null;
  outlet: string | null;
  /** When the article says it was published (else received). */
  saidAt: string;
  /** Its `statementShingles(text)`, when the caller has them already (they are computed from `text` otherwise). */
  shingles?: number[];
}

/** A cluster already stored for one of the batch's actors. */
export interface KnownCluster {
  id: string;
  actorId: string;
  shingles: readonly number[];
  openedAt: string;
}

export interface ClusterAssignment {
  statementId: string;
  clusterId: string;
  openedAt: string;
  /** Similarity to the cluster it joined; 1 for the statement that opened it. */
  similarity: number;
  /** True when this statement opened the cluster: nobody had said it before. */
  opened: boolean;
}

export interface OpenedCluster {
  id: string;
  actorId: string;
  text: string;
  shingles: number[];
  openedAt: string;
  first: NoveltyStatement;
}

export interface ClusterChanges {
  assignments: ClusterAssignment[];
  opened: OpenedCluster[];
  /** Stored clusters whose shingles grew (members add the words they carry). */
  grown: Array<{ id: string; shingles: number[] }>;
}

/**
 * Places each statement in the cluster of the most similar earlier statement by the same actor
 * (similarity ≥ `threshold`), or opens a new cluster for it: only those are news. Statements
 * already placed keep their cluster (`placed`), so replays and redeliveries change nothing.
 * Statements are taken in order, so a near-duplicate later in the same batch joins the cluster
 * an earlier one opened. Ties go to the earliest-opened cluster.
 */
export function assignStatementClusters(input: {
  statements: readonly NoveltyStatement[];
  placed: ReadonlyMap<string, { clusterId: string; openedAt: string }>;
  known: readonly KnownCluster[];
  threshold: number;
  now: string;
}): ClusterChanges {
  const clustersByActor = new Map<
    string,
    Array<{ id: string; shingles: readonly number[]; openedAt: string; stored: boolean }>
  >();
  for (const cluster of input.known) {
    const list = clustersByActor.get(cluster.actorId) ?? [];
    list.push({ ...cluster, stored: true });
    clustersByActor.set(cluster.actorId, list);
  }
  const changes: ClusterChanges = { assignments: [], opened: [], grown: [] };
  const grown = new Map<string, number[]>();
  const placed = new Map(input.placed);
  for (const statement of input.statements) {
    const already = placed.get(statement.statementId);
    if (already) continue;
    const shingles = statement.shingles ?? statementShingles(statement.text);
    const candidates = clustersByActor.get(statement.actorId) ?? [];
    let best: { index: number; similarity: number } | undefined;
    candidates.forEach((cluster, index) => {
      const similarity = shingleSimilarity(shingles, cluster.shingles);
      if (similarity < input.threshold) return;
      const current = best ? candidates[best.index]! : undefined;
      if (
        !best ||
        similarity > best.similarity ||
        (similarity === best.similarity &&
          (cluster.openedAt < current!.openedAt || (cluster.openedAt === current!.openedAt && cluster.id < current!.id)))
      ) {
        best = { index, similarity };
      }
    });
    if (best) {
      const cluster = candidates[best.index]!;
      const merged = unionSorted(cluster.shingles, shingles);
      if (merged.length !== cluster.shingles.length) {
        candidates[best.index] = { ...cluster, shingles: merged };
        if (cluster.stored) grown.set(cluster.id, merged);
        else changes.opened.find((o) => o.id === cluster.id)!.shingles = merged;
      }
      const assignment = {
        statementId: statement.statementId,
        clusterId: cluster.id,
        openedAt: cluster.openedAt,
        similarity: best.similarity,
        opened: false,
      };
      changes.assignments.push(assignment);
      placed.set(statement.statementId, assignment);
      continue;
    }
    const id = deterministicId('novelty-cluster', statement.actorId, statement.statementId);
    const opened: OpenedCluster = {
      id,
      actorId: statement.actorId,
      text: statement.text,
      shingles,
      openedAt: input.now,
      first: statement,
    };
    changes.opened.push(opened);
    candidates.push({ id, shingles, openedAt: input.now, stored: false });
    clustersByActor.set(statement.actorId, candidates);
    const assignment = { statementId: statement.statementId, clusterId: id, openedAt: input.now, similarity: 1, opened: true };
    changes.assignments.push(assignment);
    placed.set(statement.statementId, assignment);
  }
  changes.grown = [...grown].map(([id, shingles]) => ({ id, shingles }));
  return changes;
}

/**
 * The statements of a batch of analysed articles that novelty is decided for: those with a
 * speaker, in log order, each once (a re-analysis in the same batch repeats statement ids).
 */
export function noveltyStatementsOf(articles: readonly ArticleAnalyzedData[]): NoveltyStatement[] {
  const statements = new Map<string, NoveltyStatement>();
  for (const article of articles) {
    for (const statement of article.analysis.statements) {
      if (!statement.speaker) continue;
      const id = statementId(article.articleId, statement);
      if (statements.has(id)) continue;
      statements.set(id, {
        statementId: id,
        actorId: statement.speaker.actorId,
        text: statement.text,
        articleId: article.articleId,
        articleUrl: article.url,
        outlet: article.outlet,
        saidAt: article.publishedAt ?? article.receivedAt,
      });
    }
  }
  return [...statements.values()];
}
