import { ReadModelRow, SliceRows } from '../read-model-slice';
import { OutletChanges } from './fold';

/**
 * Outlets with their article and actor counts, then the (outlet, actor) pairs. The outlets' seen
 * window is not compared here: it is read from the articles table, not folded.
 */
export const outletRows: SliceRows<OutletChanges> = {
  fromFold: ({ outlets, outletActors }) => {
    const actors = new Map<string, number>();
    for (const pair of outletActors) actors.set(pair.outlet, (actors.get(pair.outlet) ?? 0) + 1);
    return [
      ...outlets.map((o): ReadModelRow => ({ outlet: o.outlet, articles: o.articles, actors: actors.get(o.outlet) ?? 0 })),
      ...outletActors.map((p): ReadModelRow => ({ outlet: p.outlet, actorId: p.actorId, articles: p.articles })),
    ];
  },
  read: async (sql) => {
    const outlets: Array<Record<string, unknown>> = await sql.query(
      'SELECT outlet, article_count, actor_count FROM outlets ORDER BY outlet COLLATE "C"',
    );
    const pairs: Array<Record<string, unknown>> = await sql.query(
      'SELECT outlet, actor_id, articles FROM outlet_actors ORDER BY outlet COLLATE "C", actor_id COLLATE "C"',
    );
    return [
      ...outlets.map((r): ReadModelRow => ({
        outlet: r.outlet as string,
        articles: Number(r.article_count),
        actors: Number(r.actor_count),
      })),
      ...pairs.map((r): ReadModelRow => ({
        outlet: r.outlet as string,
        actorId: r.actor_id as string,
        articles: Number(r.articles),
      })),
    ];
  },
};
