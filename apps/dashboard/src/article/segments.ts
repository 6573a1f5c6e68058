/** A piece of article text: plain, inside a quote (the statement's index), and/or naming an actor (its index). */
export interface Segment {
  text: string;
  statement?: number;
  actor?: number;
}

interface Span {
  start: number;
  end: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names an actor is written with in running text: the full name, and a person's surname alone. */
export function namesOf(actor: { name: string; kind: string }): string[] {
  const names = [actor.name];
  const parts = actor.name.split(/\s+/);
  if (actor.kind === 'person' && parts.length > 1 && parts.at(-1)!.length > 3) names.push(parts.at(-1)!);
  return names;
}

/**
 * Appends `text` to `out` as segments, each actor name its own. Appends one by one: a body can name actors more times
 * than `out.push(...segments)` may pass arguments.
 */
function markActors(
  out: Segment[],
  text: string,
  statement: number | undefined,
  pattern: RegExp | null,
  actorOf: Map<string, number>,
): void {
  if (!text) return;
  if (!pattern) {
    out.push({ text, statement });
    return;
  }
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index;
    if (index > at) out.push({ text: text.slice(at, index), statement });
    out.push({ text: match[0], statement, actor: actorOf.get(match[0].toLowerCase()) });
    at = index + match[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), statement });
}

/**
 * Cuts the body into segments so every statement's span [start, end) is one quote (overlapping or
 * out-of-range spans are skipped rather than garbling the text) and every actor's name is marked,
 * inside quotes and out. Joining the segments' text gives the body back unchanged.
 */
export function segmentArticle(body: string, statements: Span[], actors: Array<{ name: string; kind: string }>): Segment[] {
  const actorOf = new Map<string, number>();
  actors.forEach((actor, i) =>
    namesOf(actor).forEach((name) => actorOf.has(name.toLowerCase()) || actorOf.set(name.toLowerCase(), i)),
  );
  const names = [...actorOf.keys()]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map(escape);
  const pattern = names.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  const order = statements
    .map((span, index) => ({ ...span, index }))
    .filter((span) => span.start >= 0 && span.end <= body.length && span.start < span.end)
    .sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const span of order) {
    if (span.start < at) continue;
    markActors(out, body.slice(at, span.start), undefined, pattern, actorOf);
    markActors(out, body.slice(span.start, span.end), span.index, pattern, actorOf);
    at = span.end;
  }
  markActors(out, body.slice(at), undefined, pattern, actorOf);
  return out;
}
