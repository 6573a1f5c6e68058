import type { AnalysisContext } from './analysis-context';
import { describeCue, descriptionFit, fitsInstitution, type DescriptionCue } from './description-cue';
import { resolveBySalience } from './salience-tracker';

/**
 * The actor a definite description refers back to, when the description itself names no role that an actor
 * holds: the most salient earlier actor of the right kind, gender and age ("Arteta was furious. '…,' the
 * Spaniard said"). Null when the passage does not single one out. Tokens [from, to).
 */
export function descriptionAntecedent(ctx: AnalysisContext, from: number, to: number): number | null {
  const cue = describeCue(ctx.doc, from, to);
  if (!cue) return null;
  const start = ctx.doc.tokens[from]!.start;
  const bySalience = resolveBySalience(ctx.doc, ctx.actors, ctx.salience.events, from, (a) =>
    descriptionFit(cue, a, ctx.ages, start),
  );
  if (bySalience !== null || cue.kind !== 'organization') return bySalience;
  return soleRecentOrganization(ctx, from, cue);
}

/** "Shares in Marlow Pharma fell … '…,' the company said": the one organisation named in this or the last paragraph. */
function soleRecentOrganization(ctx: AnalysisContext, from: number, cue: DescriptionCue): number | null {
  const { tokens } = ctx.doc;
  const paragraph = tokens[from]!.paragraph;
  let previous = -1;
  for (let k = from - 1; k >= 0; k -= 1) {
    if (tokens[k]!.paragraph !== paragraph) {
      previous = tokens[k]!.paragraph;
      break;
    }
  }
  let found: number | null = null;
  for (const a of ctx.actors) {
    if (a.kind !== 'organization' || !fitsInstitution(cue, a)) continue;
    const recent = a.mentions.some((m) => {
      const p = tokens[m.first]!.paragraph;
      // "posted on Instagram": a platform named after "on"/"via" is where someone spoke, not who.
      const via = tokens[m.lead - 1]?.lower;
      if (via === 'on' || via === 'via') return false;
      return m.end <= tokens[from]!.start && !m.inQuote && (p === paragraph || p === previous);
    });
    if (!recent) continue;
    if (found !== null) return null;
    found = a.index;
  }
  return found;
}
