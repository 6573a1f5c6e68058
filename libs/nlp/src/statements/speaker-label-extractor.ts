import type { AnalysisContext } from './analysis-context';
import { bodySpan, type StatementDraft } from './statement-draft';

const MIN_WORDS = 3;

/**
 * Paragraphs that open with a person's name and a colon, outside quotation marks: headline attributions
 * ("Pat Caddell: Democrat voters worried about …") and transcript lines ("Pence: Well, look, …"). The rest of the
 * paragraph is what that person said. All-caps labels ("PENCE:") are not linked to their person yet.
 */
export function extractSpeakerLabels(ctx: AnalysisContext): StatementDraft[] {
  const { doc, actors } = ctx;
  const { tokens, quoteOf, masked } = doc;
  const out: StatementDraft[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (i > 0 && tokens[i - 1]!.paragraph === tokens[i]!.paragraph) continue;
    const m = ctx.mentionStartingAt.get(i);
    if (!m || m.lead !== i || m.possessive || masked[i] || actors[m.actor]!.kind !== 'person') continue;
    const colon = m.last;
    if (tokens[colon]?.text !== ':' || tokens[colon]!.paragraph !== tokens[i]!.paragraph) continue;
    let last = colon + 1;
    let words = 0;
    while (last < tokens.length && tokens[last]!.paragraph === tokens[i]!.paragraph) {
      if (quoteOf[last] === -1 && tokens[last]!.isWord) words += 1;
      last += 1;
    }
    if (words < MIN_WORDS || quoteOf[colon + 1] !== -1) continue;
    const start = tokens[colon + 1]!.start;
    const end = tokens[last - 1]!.end;
    out.push({
      kind: 'indirect',
      start,
      end,
      text: doc.body.slice(start, end),
      cue: bodySpan(doc.body, tokens[colon]!.start, tokens[colon]!.end),
      speaker: m.actor,
      subject: [m.lead, m.last],
    });
  }
  return out;
}
