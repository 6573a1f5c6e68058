import { ArticleContribution, ContributionFold } from '@chronicle/read-models';

/** Change to how many statements a speaker has in one outlet. */
export interface SpeakerOutletChange {
  speakerId: string;
  outlet: string;
  statements: number;
}

/** Statement deltas per (speaker, outlet), sorted by key, without those that cancel out. */
export class SpeakerOutletsFold implements ContributionFold<SpeakerOutletChange[]> {
  private readonly counts = new Map<string, SpeakerOutletChange>();

  add({ outlet, statements }: ArticleContribution, sign: 1 | -1): void {
    if (outlet === null) return;
    for (const { speakerId } of statements) {
      if (speakerId === null) continue;
      const key = `${speakerId}\u0000${outlet}`;
      const change = this.counts.get(key) ?? { speakerId, outlet, statements: 0 };
      change.statements += sign;
      this.counts.set(key, change);
    }
  }

  changes(): SpeakerOutletChange[] {
    return [...this.counts.keys()]
      .sort()
      .map((key) => this.counts.get(key)!)
      .filter((c) => c.statements !== 0);
  }
}
