import { DETERMINERS, PARTICIPLE_LEADS, TIME_WORDS, VERB_PADDING } from '../lexicon/word-lists';
import type { AnalysisContext } from './analysis-context';
import { lastEventBefore, mainSubject, type SubjectEvent } from './salience-tracker';
import { mainSubjectResolution, subjectBefore, type SubjectResolution } from './speaker-resolver';

const ING_RE = /^[a-z]{2,}ing$/;

/** Who a proposed cue's subject is, and how it was found (a feature for the classifier). */
export interface ProposalSubject {
  resolution: SubjectResolution;
  kind: 'pronoun' | 'named' | 'description' | 'main' | 'proxy' | 'document' | 'relative' | 'coordinated';
}

/** Words before a finite cue that share the subject of an earlier verb ("Rubio thanked Miami and said …"). */
const COORDINATORS = new Set(['and', 'then']);

/** The token before the cue at `i` and the auxiliaries and adverbs of its sentence in between ("has repeatedly said"). */
function beforePadding(ctx: AnalysisContext, i: number): number {
  const { tokens, sentenceOf } = ctx.doc;
  let k = i - 1;
  while (k >= 0 && sentenceOf[k] === sentenceOf[i] && !tokens[k]!.isCap && VERB_PADDING.has(tokens[k]!.lower)) k -= 1;
  return k;
}

/** The latest main- or subordinate-clause subject before `i` in its sentence. */
function nearestSubject(ctx: AnalysisContext, i: number): SubjectEvent | undefined {
  const { events } = ctx.salience;
  const sentence = ctx.doc.sentenceOf[i];
  for (let e = lastEventBefore(events, i); e >= 0 && events[e]!.sentence === sentence; e -= 1)
    if (events[e]!.weight >= 2) return events[e];
  return undefined;
}

/**
 * "Ted Cruz, who said he would …": the name before a relative "who" is the speaker; "who" is kept as the pronoun
 * that named it, so that it is recorded as a mention of the speaker.
 */
function relativeSubject(ctx: AnalysisContext, i: number): SubjectResolution | null {
  const { tokens, sentenceOf } = ctx.doc;
  const k = beforePadding(ctx, i);
  if (tokens[k]?.lower !== 'who' || tokens[k - 1]?.text !== ',' || sentenceOf[k - 1] !== sentenceOf[i]) return null;
  const named = ctx.mentionEndingAt.get(k - 2);
  if (!named || named.possessive) return null;
  return { found: true, actor: named.actor, first: k, last: k + 1, pronoun: k };
}

/**
 * "Carter however said", "Feinstein last week said", "Cruz on Tuesday said": the token where the subject search starts,
 * before such words (which the rules' subject search does not skip).
 */
function skipInterjection(ctx: AnalysisContext, i: number): number {
  const { tokens, sentenceOf } = ctx.doc;
  let k = i;
  for (let guard = 0; guard < 3 && k > 0 && sentenceOf[k - 1] === sentenceOf[i]; guard += 1) {
    const p = tokens[k - 1]!.lower;
    if (p === 'however' || VERB_PADDING.has(p)) k -= 1;
    else if (TIME_WORDS.has(p)) k -= TIME_LEADS.has(tokens[k - 2]?.lower ?? '') ? 2 : 1;
    else break;
  }
  return k;
}
const TIME_LEADS = new Set(['last', 'on', 'this', 'early', 'late', 'earlier', 'later']);

/** "a report by the GAO found": the author named after a document noun right before the cue is the speaker. */
function authorSubject(ctx: AnalysisContext, i: number): SubjectResolution | null {
  const { tokens, sentenceOf } = ctx.doc;
  const k = beforePadding(ctx, i);
  const author = ctx.mentionEndingAt.get(k);
  if (!author || author.possessive) return null;
  const via = DETERMINERS.has(tokens[author.lead - 1]?.lower ?? '') ? author.lead - 2 : author.lead - 1;
  const noun = tokens[via - 1];
  if (!AUTHOR_PREPOSITIONS.has(tokens[via]?.lower ?? '') || !noun || sentenceOf[via - 1] !== sentenceOf[i]) return null;
  if (!DOCUMENT_NOUNS.has(noun.lower) && !PROXY_NOUNS.has(noun.lower)) return null;
  return { found: true, actor: author.actor, first: via - 1, last: k + 1 };
}

/** Nouns for those who speak for someone: "Clinton's campaign says", "Trump's top adviser said". */
const PROXY_NOUNS = new Set([
  'campaign',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'aide',
  'aides',
  'adviser',
  'advisers',
  'advisor',
  'advisors',
  'office',
  'administration',
  'team',
  'staff',
  'representatives',
]);
/** Documents through which their author speaks: "a new CNN poll shows", "Trump's book argues". */
const DOCUMENT_NOUNS = new Set(
  `poll polls survey surveys report reports study analysis data records memo letter statement ad ads email emails tweet
  post book article editorial column filing document documents release transcript video website figures estimate
  estimates projections forecast review audit investigation findings research`.split(/\s+/),
);
const PROXY_MODIFIERS = 3;
const AUTHOR_PREPOSITIONS = new Set(['by', 'from', 'of']);

/** "Rival Hillary Clinton's campaign says", "the Sanders campaign said": the owner of a proxy noun right before the cue is the speaker. */
function proxySubject(ctx: AnalysisContext, i: number): SubjectResolution | null {
  const { tokens, sentenceOf } = ctx.doc;
  const k = beforePadding(ctx, i);
  if (k < 1 || sentenceOf[k] !== sentenceOf[i] || !(PROXY_NOUNS.has(tokens[k]!.lower) || DOCUMENT_NOUNS.has(tokens[k]!.lower)))
    return null;
  for (let j = k - 1; j >= Math.max(0, k - 1 - PROXY_MODIFIERS) && sentenceOf[j] === sentenceOf[i]; j -= 1) {
    // "Clinton's campaign" and "the Clinton campaign" both speak for Clinton.
    const owner = ctx.mentionEndingAt.get(j);
    if (owner) return { found: true, actor: owner.actor, first: owner.lead, last: k + 1 };
    if (!tokens[j]!.isWord || tokens[j]!.isCap) return null;
  }
  return null;
}

/** The speaker of a cue word at `i`: its own subject, else the few patterns the rules' subject search leaves out. */
export function proposalSubject(ctx: AnalysisContext, i: number): ProposalSubject | null {
  const { tokens, sentenceOf } = ctx.doc;
  const t = tokens[i]!;
  const sameSentence = sentenceOf[i - 1] === sentenceOf[i];
  if (ING_RE.test(t.lower) && sameSentence && PARTICIPLE_LEADS.has(tokens[i - 1]!.lower)) {
    const main = mainSubject(ctx.doc, ctx.salience, i);
    return main ? { resolution: mainSubjectResolution(ctx, main, i, i + 1), kind: 'main' } : null;
  }
  const s = subjectBefore(ctx, skipInterjection(ctx, i));
  if (s.found && s.actor !== null)
    return {
      resolution: s,
      kind: s.pronoun !== undefined ? 'pronoun' : ctx.mentionEndingAt.has(s.last - 1) ? 'named' : 'description',
    };
  const proxy = proxySubject(ctx, i);
  if (proxy) return { resolution: proxy, kind: PROXY_NOUNS.has(ctx.doc.tokens[proxy.last - 1]!.lower) ? 'proxy' : 'document' };
  const author = authorSubject(ctx, i);
  if (author) return { resolution: author, kind: 'document' };
  if (s.found) return { resolution: s, kind: 'description' };
  const relative = relativeSubject(ctx, i);
  if (relative) return { resolution: relative, kind: 'relative' };
  const shared = sameSentence && COORDINATORS.has(tokens[i - 1]!.lower) ? nearestSubject(ctx, i) : undefined;
  return shared ? { resolution: mainSubjectResolution(ctx, shared, i, i + 1), kind: 'coordinated' } : null;
}
