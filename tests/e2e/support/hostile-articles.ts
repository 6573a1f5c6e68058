import fc from 'fast-check';

/** One request of the hostile corpus and what a correct ingest may answer. */
export interface HostileRequest {
  kind: string;
  method: 'POST' | 'PUT';
  /** Path below the ingest base URL, already encoded. */
  path: string;
  headers: Record<string, string>;
  /** Sent as is (a string body is not re-encoded). */
  body: string;
  /** Statuses that are right for this request; anything 5xx is always wrong. */
  expected: number[];
}

const C0 = Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c));
const C1 = Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(0x80 + c));
const BIDI_AND_ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff', '\u2060', '\u061c'];
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];

/** Any single UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const hostilePiece = fc.oneof(
  fc.constantFrom(...C0, ...C1, ...BIDI_AND_ZERO_WIDTH, ...SURROGATES, '\u0000'),
  fc.string({ unit: codeUnit, minLength: 1, maxLength: 40 }),
  fc.integer({ min: 50, max: 3_000 }).map((n) => `e${'\u0301\u0308\u0332'.repeat(n)}`),
  fc.constantFrom('\u0645\u0631\u062d\u0628\u0627 \u202eevil\u202c', '\u05e9\u05dc\u05d5\u05dd', 'Zelens\u200bkyy'),
);
const words = fc.constantFrom('Minister', 'Parliament', 'talks', 'said', 'budget', 'Ankara', 'ceasefire', 'vote', 'reform', 'council');
const person = fc.constantFrom('Prime Minister Maria Lindqvist', 'Finance Minister Jonas Berg', 'Mayor Ana Ruiz', 'President Olu Adeyemi');

/** A plausible news sentence, generated (no hand-written corpus). */
const sentence = fc
  .tuple(person, fc.array(words, { minLength: 3, maxLength: 12 }))
  .map(([who, ws]) => `"We will ${ws.join(' ')}," ${who} said.`);

const hostileText = fc
  .tuple(fc.array(fc.oneof(sentence, hostilePiece), { minLength: 1, maxLength: 8 }))
  .map(([parts]) => parts.join(' '));

function post(kind: string, article: unknown, expected: number[], headers: Record<string, string> = {}): HostileRequest {
  return {
    kind,
    method: 'POST',
    path: '/v1/articles',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(article),
    expected,
  };
}

/** Percent-encodes a path segment; lone surrogates go out as their (invalid) UTF-8 bytes, as a hostile client sends them. */
export function encodePathSegment(segment: string): string {
  let encoded = '';
  for (let i = 0; i < segment.length; i += 1) {
    const unit = segment.charCodeAt(i);
    const next = segment.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      encoded += encodeURIComponent(segment.slice(i, i + 2));
      i += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      encoded += encodeURIComponent(segment[i]!);
    }
  }
  return encoded;
}

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const PATHOLOGICAL_UNITS = ['Kiro said, ', 'according to Kiro ', '"Yes, Kiro said ', "Kiro's "];
/** The ids of the pathological-shape articles start with this. */
export const PATHOLOGICAL_ID_PREFIX = 'pile-';
/** An article naming one actor on every line, so often that its whole analysis is over the message limit. */
export const ROLL_CALL_ID = 'roll-call';
/** How many lines (each a mention of Kiro) the roll call has for an article limit. */
export const rollCallLines = (maxArticleBytes: number) => Math.ceil((0.3 * maxArticleBytes) / 'Kiro\n'.length);

/**
 * At least 200 hostile requests, generated with fast-check from a fixed seed: hostile text
 * (lone surrogates, NUL, every C0/C1 control, bidi and zero-width marks, combining-mark storms),
 * giant and fragmented bodies, pathological shapes (one sentence of thousands of attributions), deep nesting, unknown fields and `__proto__`, bad ids in bodies
 * and paths, and empty or over-long correlation ids.
 */
export function hostileCorpus(seed: number, maxArticleBytes: number): HostileRequest[] {
  const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns: number, offset: number): T[] =>
    fc.sample(arbitrary, { seed: seed + offset, numRuns });
  const requests: HostileRequest[] = [];

  // Hostile text in every free-text field: accepted (sanitized), or 400 when nothing is left of the body.
  const shortHostileText = hostileText.map((text) => text.slice(0, 900));
  sample(fc.record({ title: shortHostileText, body: hostileText, outlet: fc.option(shortHostileText.map((t) => t.slice(0, 190)), { nil: undefined }) }), 140, 1).forEach(
    (article, i) => requests.push(post('hostile-text', { id: `hostile-text-${i}`, ...article }, [202, 400])),
  );
  // Every C0 and C1 control in one body, in generated order.
  sample(fc.shuffledSubarray([...C0, ...C1], { minLength: 64, maxLength: 64 }), 4, 2).forEach((controls, i) =>
    requests.push(post('all-controls', { id: `controls-${i}`, title: controls.join(''), body: `Budget ${controls.join('')} talks` }, [202])),
  );
  // A one-word body just over and just under the article limit, and 50k tiny paragraphs.
  requests.push(post('giant-word-over-limit', { id: 'giant-over', title: 'x', body: 'a'.repeat(maxArticleBytes + 1) }, [413]));
  requests.push(post('giant-word-under-limit', { id: 'giant-under', title: 'x', body: 'b'.repeat(maxArticleBytes - 64 * 1024) }, [202]));
  requests.push(post('50k-paragraphs', { id: 'paragraphs', title: 'p', body: Array.from({ length: 50_000 }, (_, i) => `p${i % 10}`).join('\n\n') }, [202]));
  // Shapes no news article has but a scraper gone wrong or an attacker sends: one "sentence" of thousands of
  // attributions, cues each claiming all before them, quotes never closed, a possessive repeated. Accepted and
  // analysed like any article, in time linear in their length (200 KB of the first once held a worker for minutes).
  PATHOLOGICAL_UNITS.forEach((unit, i) =>
    requests.push(post('pathological-shape', { id: `${PATHOLOGICAL_ID_PREFIX}${i}`, title: `pile ${i}`, body: unit.repeat(Math.ceil(200_000 / unit.length)) }, [202])),
  );
  // 30 % of the article limit naming Kiro on every line: an analysis of about 3.5 times the limit, over the
  // 2 × limit + 1 MiB a message may take. Once dead-lettered (MessageTooLargeError); now analysed, cut to fit.
  requests.push(post('analysis-over-limit', { id: ROLL_CALL_ID, title: 'Roll call', body: 'Kiro\n'.repeat(rollCallLines(maxArticleBytes)) }, [202]));
  // Deep nesting, unknown fields and __proto__: refused with a 400 naming them.
  sample(fc.integer({ min: 100, max: 5_000 }), 6, 3).forEach((depth, i) =>
    requests.push({ ...post('deep-nesting', {}, [400]), body: `{"id":"deep-${i}","title":"t","body":"b","extra":${nested(depth)}}` }),
  );
  sample(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['id', 'url', 'outlet', 'title', 'body', 'publishedAt', 'language'].includes(k)), fc.jsonValue(), { minKeys: 1, maxKeys: 4 }), 10, 4).forEach((extra, i) =>
    requests.push(post('unknown-fields', { id: `unknown-${i}`, title: 't', body: 'b', ...extra }, [400])),
  );
  sample(fc.constantFrom('__proto__', 'constructor', 'prototype'), 6, 5).forEach((key, i) =>
    requests.push({ ...post('proto-key', {}, [400]), body: `{"id":"proto-${i}","title":"t","body":"b","${key}":{"polluted":true}}` }),
  );
  // Ids and paths outside the grammar: '/', '%00', 500 characters, emoji.
  const badId = fc.oneof(
    fc.constantFrom('a/b', 'a%00b', 'a\u0000b', '\ud83d\udcf0-news', 'x'.repeat(500), '../etc', ' '),
    fc.string({ unit: codeUnit, minLength: 1, maxLength: 600 }).filter((s) => !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(s)),
  );
  sample(badId, 20, 6).forEach((id, i) => requests.push(post('bad-body-id', { id, title: `bad id ${i}`, body: 'b' }, [400])));
  sample(badId, 20, 7).forEach((id) =>
    requests.push({ ...post('bad-path-id', { title: 't', body: 'b' }, [400, 404]), method: 'PUT', path: `/v1/articles/${encodePathSegment(id)}` }),
  );
  // Empty and over-long correlation ids: replaced, the article accepted.
  sample(fc.oneof(fc.constant(''), fc.constant(' '), fc.string({ minLength: 129, maxLength: 8_000 })), 12, 8).forEach((header, i) =>
    requests.push(post('bad-correlation-id', { id: `corr-${i}`, title: 'c', body: 'Council vote on Monday.' }, [202], { 'x-correlation-id': header })),
  );
  return requests;
}

/** Ordinary news articles in batches, generated from the same seed. */
export function normalArticles(seed: number, count: number): Array<{ id: string; outlet: string; title: string; body: string }> {
  return fc
    .sample(fc.tuple(fc.array(sentence, { minLength: 2, maxLength: 6 }), fc.constantFrom('Wire A', 'Wire B', 'Daily C')), {
      seed,
      numRuns: count,
    })
    .map(([sentences, outlet], i) => ({ id: `normal-${i}`, outlet, title: sentences[0]!.slice(0, 60), body: sentences.join(' ') }));
}
