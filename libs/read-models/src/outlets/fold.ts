import { ArticleContribution } from '../contributions/fold';
import { ContributionFold } from '../read-model-slice';
import { KEY_SEPARATOR, sortedByKey } from '../sorted-by-key';

export interface OutletActorChange {
  outlet: string;
  actorId: string;
  articles: number;
}

export interface OutletChange {
  outlet: string;
  articles: number;
}

/** Articles per outlet and per (outlet, actor), each sorted in lock order. */
export interface OutletChanges {
  outletActors: OutletActorChange[];
  outlets: OutletChange[];
}

export class OutletsFold implements ContributionFold<OutletChanges> {
  private readonly outletActors = new Map<string, OutletActorChange>();
  private readonly outlets = new Map<string, OutletChange>();

  add({ outlet, mentions }: ArticleContribution, sign: 1 | -1): void {
    if (outlet === null) return;
    this.outlet(outlet).articles += sign;
    for (const mention of mentions) this.outletActor(outlet, mention.actorId).articles += sign;
  }

  changes(): OutletChanges {
    return { outletActors: sortedByKey(this.outletActors, (c) => c.articles !== 0), outlets: sortedByKey(this.outlets) };
  }

  private outletActor(outlet: string, actorId: string): OutletActorChange {
    const key = outlet + KEY_SEPARATOR + actorId;
    let change = this.outletActors.get(key);
    if (!change) {
      change = { outlet, actorId, articles: 0 };
      this.outletActors.set(key, change);
    }
    return change;
  }

  private outlet(outlet: string): OutletChange {
    let change = this.outlets.get(outlet);
    if (!change) {
      change = { outlet, articles: 0 };
      this.outlets.set(outlet, change);
    }
    return change;
  }
}
