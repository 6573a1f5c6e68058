import { SqlRunner } from '../sql/sql-session';
import { addPairVectorInto } from './pair-vectors';
import {
  ActorRef,
  CoMentionCount,
  isPageContender,
  pageCutoff,
  RelatedActor,
  RelatedAfter,
  relatedPage,
} from './related-ranking';
import { ACTOR_PAIR_ENTRIES_TABLE, ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE } from './tables';

export type { ActorRef, RelatedActor, RelatedAfter } from './related-ranking';

/** A co-mentioned actor by its pair key, or by id while only entries not packed yet name it. */
type PairRef = { key: number } | { id: string };

/** What the API reads from the actor pairs read model. */
export class ActorPairQueries {
  constructor(private readonly sql: SqlRunner) {}

  /**
   * Actors mentioned in the same live articles as `actorId` in the UTC weeks starting on the Mondays in
   * [`firstWeek`, `endWeek`) (`YYYY-MM-DD`), most shared articles first, ties by id; `after` continues a page.
   * One statement reads the window's packed weeks (a row per week, however many actors share the articles) and
   * the ledger's entries not packed yet; the sums and the ranking are made here, and a second statement names
   * the actors the page can be cut from (the ties at its edges included, as ids order them).
   */
  async related(
    actorId: string,
    firstWeek: string,
    endWeek: string,
    limit: number,
    after?: RelatedAfter,
  ): Promise<RelatedActor[]> {
    const rows: Array<{ others: Buffer | null; key: number | null; id: string | null; articles: number | null }> =
      await this.sql.query(
        `SELECT others, NULL::int AS key, NULL::text AS id, NULL::int AS articles
         FROM ${ACTOR_PAIR_VECTORS_TABLE} WHERE actor_id = $1 AND week >= $2::date AND week < $3::date
         UNION ALL
         SELECT NULL, k.key, e.other_actor_id, sum(e.articles)::int
         FROM ${ACTOR_PAIR_ENTRIES_TABLE} e LEFT JOIN ${ACTOR_PAIR_KEYS_TABLE} k ON k.actor_id = e.other_actor_id
         WHERE e.actor_id = $1 AND e.week >= $2::date AND e.week < $3::date
         GROUP BY e.other_actor_id, k.key`,
        [actorId, firstWeek, endWeek],
      );
    const byKey = new Map<number, number>();
    const byId = new Map<string, number>();
    for (const row of rows) {
      if (row.others) addPairVectorInto(byKey, row.others);
      else if (row.key !== null) byKey.set(row.key, (byKey.get(row.key) ?? 0) + row.articles!);
      else byId.set(row.id!, (byId.get(row.id!) ?? 0) + row.articles!);
    }
    const known = new Map<string, ActorRef | null>();
    for (;;) {
      // Objects only for the actors a page can be cut from: a popular actor shares articles with thousands.
      const cutoff = pageCutoff([...byKey.values(), ...byId.values()], limit, after);
      const contenders: Array<CoMentionCount<PairRef>> = [];
      for (const [key, articles] of byKey)
        if (isPageContender(articles, cutoff, after)) contenders.push({ ref: { key }, articles });
      for (const [id, articles] of byId) if (isPageContender(articles, cutoff, after)) contenders.push({ ref: { id }, articles });
      const unknown = contenders.filter((c) => !known.has(refKey(c.ref))).map((c) => c.ref);
      if (unknown.length > 0) for (const [ref, actor] of await this.actorsOf(unknown)) known.set(ref, actor);
      const named: RelatedActor[] = [];
      for (const { ref, articles } of contenders) {
        const actor = known.get(refKey(ref));
        if (actor) named.push({ actor, articles });
        else if ('key' in ref) byKey.delete(ref.key);
        else byId.delete(ref.id);
      }
      // An actor without a row (none should be) is left out, and the page is cut again from the others.
      if (named.length === contenders.length) return relatedPage(named, limit, after);
    }
  }

  /** The actors behind pair keys and ids, by {@link refKey}; null for one without an actor row. */
  private async actorsOf(refs: readonly PairRef[]): Promise<Map<string, ActorRef | null>> {
    const keys = refs.flatMap((r) => ('key' in r ? [r.key] : []));
    const ids = refs.flatMap((r) => ('id' in r ? [r.id] : []));
    const rows: Array<{ key: number | null; id: string; name: string; kind: string; role: string | null }> = await this.sql.query(
      `SELECT k.key, a.id, a.name, a.kind, a.role
         FROM ${ACTOR_PAIR_KEYS_TABLE} k JOIN actors a ON a.id = k.actor_id WHERE k.key = ANY($1::int[])
         UNION ALL
         SELECT NULL, a.id, a.name, a.kind, a.role FROM actors a WHERE a.id = ANY($2::text[])`,
      [keys, ids],
    );
    const actors = new Map<string, ActorRef | null>(refs.map((ref) => [refKey(ref), null]));
    for (const { key, ...actor } of rows) actors.set(refKey(key === null ? { id: actor.id } : { key }), actor);
    return actors;
  }
}

/** A map key for a pair ref (a key and an id never give the same one). */
const refKey = (ref: PairRef): string => ('key' in ref ? `key ${ref.key}` : `id ${ref.id}`);
