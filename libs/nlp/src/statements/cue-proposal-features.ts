import { speechVerb } from '../lexicon/speech-verb-lexicon';
import { DETERMINERS, SUBJECT_PRONOUN_KINDS } from '../lexicon/word-lists';
import type { AnalysisContext } from './analysis-context';
import type { ProposalForm } from './cue-proposals';
import type { ProposalSubject } from './proposal-subject';

const ING_RE = /^[a-z]{2,}ing$/;

/** Coarse class of a token for features: function words by name, the rest by shape. */
function shape(ctx: AnalysisContext, k: number): string {
  const t = ctx.doc.tokens[k];
  if (!t || ctx.doc.sentenceOf[k] !== ctx.doc.sentenceOf[k - 1]) return 'END';
  if (!t.isWord) return t.text;
  if (ctx.mentionStartingAt.has(k)) return 'NAME';
  if (SUBJECT_PRONOUN_KINDS.has(t.lower)) return 'PRON';
  if (DETERMINERS.has(t.lower)) return 'DET';
  if (t.isCap) return 'CAP';
  if (ING_RE.test(t.lower)) return 'ING';
  return 'w';
}

function bucket(n: number): string {
  return n < 4 ? '<4' : n < 8 ? '<8' : n < 16 ? '<16' : n < 32 ? '<32' : '32+';
}

/**
 * What the classifier weighs about a proposal: the cue word and its neighbours, how its subject was found, whether
 * "that" opens the content, the content's length and place in the sentence, and (when given) how it follows the cue.
 */
export function proposalFeatures(
  ctx: AnalysisContext,
  i: number,
  first: number,
  last: number,
  thatDistance: number,
  subject: ProposalSubject,
  share: number,
  form?: ProposalForm,
): string[] {
  const { tokens, sentenceOf } = ctx.doc;
  const w = tokens[i]!.lower;
  const prev = sentenceOf[i - 1] === sentenceOf[i] ? (tokens[i - 1]?.lower ?? 'START') : 'START';
  const next = tokens[i + 1]?.lower ?? 'END';
  const next2 = tokens[i + 2]?.lower ?? 'END';
  const nextShape = shape(ctx, i + 1);
  const actor = ctx.actors[subject.resolution.actor!]!;
  const sentence = ctx.doc.sentences[sentenceOf[i]!]!;
  const quoted = ctx.doc.quoteOf.subarray(first, last).some((q) => q !== -1);
  const marked = thatDistance > 0;
  return [
    'bias',
    `w=${w}`,
    `share=${Math.round(share * 10)}`,
    `p=${prev}`,
    `pw=${prev}|${w}`,
    `n=${next}`,
    `wn=${w}|${next}`,
    `ns=${nextShape}`,
    `wns=${w}|${nextShape}`,
    `n2=${next2}`,
    `wnn=${w}|${next}|${next2}`,
    `that=${marked}`,
    `thatdist=${bucket(thatDistance)}`,
    `wthat=${w}|${marked}`,
    `subj=${subject.kind}`,
    `wsubj=${w}|${subject.kind}`,
    `kind=${actor.kind}`,
    `wkind=${w}|${actor.kind}`,
    `len=${bucket(last - first)}`,
    `wlen=${w}|${bucket(last - first)}`,
    `sdist=${bucket(i - subject.resolution.last)}`,
    `start=${bucket(i - sentence.first)}`,
    `rest=${bucket(sentence.last - last)}`,
    `first=${tokens[first]!.lower}`,
    `quoted=${quoted}`,
    `rule=${speechVerb(w) !== undefined}`,
    // Only the model that also weighs plain objects knows the form (the default model predates it).
    ...(form ? [`form=${form}`, `wform=${w}|${form}`] : []),
  ];
}
