import type { AnalysisData, AnalysisTruncation } from './article-analyzed.event';

type Mentioned = AnalysisData['actors'][number] | AnalysisData['places'][number];
type Mention = Mentioned['mentions'][number];

/**
 * The analysis as it fits in `maxBytes` of JSON, losing what the read models miss least first:
 * 1. mention offsets beyond the first `k` of each actor and place (the largest `k` that fits), keeping the first
 *    mention of every spelling and the count in `mentionCount`, so aliases and mention counts stay whole;
 * 2. then, with one mention per spelling, the actors that speak no statement or stance and the places, least
 *    mentioned first;
 * 3. then the statements and stances after the longest run from the start of the body that fits, with the actors
 *    who speak them.
 * What was left out is counted in `truncated`. An analysis that fits is returned as it is. Real news seldom needs
 * step 1 (2 MB of PolNeAR articles end to end: a 5.2 MB analysis, 1.8 MB of it mention offsets); bodies built to
 * flood the extractor (a name on every line) need step 2 or 3. When not even the first statement fits, the result
 * is the smallest analysis step 3 makes, still over `maxBytes`.
 */
export function fitAnalysisToBudget(analysis: AnalysisData, maxBytes: number): AnalysisData {
  const fits = (candidate: AnalysisData) => jsonBytes(candidate) <= maxBytes;
  if (fits(analysis)) return analysis;
  // A fold, not Math.max(...spread): an analysis can hold more actors than a call takes arguments.
  const longest = [...analysis.actors, ...analysis.places].reduce((n, a) => Math.max(n, a.mentions.length), 0);
  const capped = (k: number) => withTruncation(analysis, withMentionsCapped(analysis, k));
  const k = largestFitting(0, longest, (n) => fits(capped(n)));
  if (k !== null) return capped(k);

  const spellings = withMentionsCapped(analysis, 0);
  const speakers = speakerIds(spellings);
  const listeners = [...spellings.actors.filter((a) => !speakers.has(a.id)), ...spellings.places];
  const ranked = listeners.sort(byMentionsThenFirst);
  const keeping = (n: number) => withTruncation(analysis, keepingListeners(spellings, speakers, new Set(ranked.slice(0, n))));
  const n = largestFitting(0, ranked.length, (count) => fits(keeping(count)));
  if (n !== null) return keeping(n);

  const said = saidInTextOrder(spellings);
  const prefix = (m: number) => withTruncation(analysis, keepingSaid(spellings, new Set(said.slice(0, m))));
  return prefix(largestFitting(0, said.length, (m) => fits(prefix(m))) ?? 0);
}

/** The UTF-8 bytes of `value` as JSON, as the event encoder writes it. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** The largest n in [lo, hi] for which `ok(n)` holds, given that it holds for all n below one that does; else null. */
function largestFitting(lo: number, hi: number, ok: (n: number) => boolean): number | null {
  if (!ok(lo)) return null;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function withMentionsCapped(analysis: AnalysisData, k: number): AnalysisData {
  return {
    ...analysis,
    actors: analysis.actors.map((actor) => capMentions(actor, k)),
    places: analysis.places.map((place) => capMentions(place, k)),
  };
}

/** The first `k` mentions and the first of each spelling after them; the count when some are left out. */
function capMentions<T extends Mentioned>(mentioned: T, k: number): T {
  if (mentioned.mentions.length <= k) return mentioned;
  const kept: Mention[] = [];
  const spelled = new Set<string>();
  mentioned.mentions.forEach((mention, i) => {
    if (i >= k && spelled.has(mention.text)) return;
    spelled.add(mention.text);
    kept.push(mention);
  });
  if (kept.length === mentioned.mentions.length) return mentioned;
  return { ...mentioned, mentions: kept, mentionCount: mentionCountOf(mentioned) };
}

function speakerIds(analysis: AnalysisData): Set<string> {
  const ids = new Set<string>();
  for (const said of [...analysis.statements, ...(analysis.stances ?? [])]) if (said.speaker) ids.add(said.speaker.actorId);
  return ids;
}

function keepingListeners(analysis: AnalysisData, speakers: ReadonlySet<string>, kept: ReadonlySet<Mentioned>): AnalysisData {
  return {
    ...analysis,
    actors: analysis.actors.filter((a) => speakers.has(a.id) || kept.has(a)),
    places: analysis.places.filter((p) => kept.has(p)),
  };
}

type Said = AnalysisData['statements'][number] | NonNullable<AnalysisData['stances']>[number];

function saidInTextOrder(analysis: AnalysisData): Said[] {
  const said: Said[] = [...analysis.statements, ...(analysis.stances ?? [])];
  return said.sort((a, b) => a.start - b.start || a.end - b.end);
}

function keepingSaid(analysis: AnalysisData, kept: ReadonlySet<Said>): AnalysisData {
  const statements = analysis.statements.filter((s) => kept.has(s));
  const stances = analysis.stances?.filter((s) => kept.has(s));
  const speakers = speakerIds({ ...analysis, statements, stances });
  return {
    ...analysis,
    actors: analysis.actors.filter((a) => speakers.has(a.id)),
    places: [],
    statements,
    ...(stances === undefined ? {} : { stances }),
  };
}

/** `fitted` with the count of what it leaves out of `original`, or as it is when it leaves nothing out. */
function withTruncation(original: AnalysisData, fitted: AnalysisData): AnalysisData {
  const listed = (a: AnalysisData) => [...a.actors, ...a.places].reduce((n, x) => n + x.mentions.length, 0);
  const counted = (a: AnalysisData) => [...a.actors, ...a.places].reduce((n, x) => n + mentionCountOf(x), 0);
  const truncated: AnalysisTruncation = {
    mentions: counted(original) - listed(fitted),
    actors: original.actors.length - fitted.actors.length,
    places: original.places.length - fitted.places.length,
    statements: original.statements.length - fitted.statements.length,
    stances: (original.stances?.length ?? 0) - (fitted.stances?.length ?? 0),
  };
  return Object.values(truncated).some((n) => n > 0) ? { ...fitted, truncated } : fitted;
}

function mentionCountOf(mentioned: Mentioned): number {
  return mentioned.mentionCount ?? mentioned.mentions.length;
}

function byMentionsThenFirst(a: Mentioned, b: Mentioned): number {
  return mentionCountOf(b) - mentionCountOf(a) || firstStart(a) - firstStart(b);
}

function firstStart(mentioned: Mentioned): number {
  return mentioned.mentions[0]?.start ?? Number.MAX_SAFE_INTEGER;
}
