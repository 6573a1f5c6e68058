import { NAME_TAGS, spansOfTags } from './name-tagger';

/**
 * Features that tell the name tagger's second pass how the first pass read the other occurrences of a word in the same
 * document (the "prediction aggregation" of Ratinov and Roth, CoNLL 2009). A sentence alone often cannot tell a club
 * from its town or a surname from a firm ("Leeds", "Ford"), but the article usually settles it somewhere: the same word
 * tagged as a person in three other sentences, or inside a longer organisation's name. Only capitalised words take
 * them. Any change here needs a retrained document model (training/train-document-tagger.ts).
 *
 * A feature names a reading other than the first pass's own reading of the token: the document may overrule the
 * sentence, never merely confirm it. Features that confirmed learned odd weights (the first pass is nearly always right
 * where the document agrees, so the perceptron saw only the exceptions), and an unknown name read as a person in forty
 * sentences and as a place in one was then turned into a miscellaneous name everywhere. Each feature comes twice: alone
 * and with the token's own reading (`…|<type>`).
 *
 * A feature is a small number (`DOCUMENT_FEATURE_COUNT` of them), so the tagger adds its weights without building
 * strings; `documentFeatureName` gives the name the model file stores.
 */

/** The entity types in the order the counts use; 0 is no name. */
const TYPES = ['O', 'PER', 'ORG', 'LOC', 'MISC'] as const;
const TYPE_OF_TAG = NAME_TAGS.map((tag) => (tag === 'O' ? 0 : TYPES.indexOf(tag.slice(2) as (typeof TYPES)[number])));
const CAPITALISED = /^\p{Lu}/u;

/** `d=`: the most common reading of the word's other occurrences; `dm=`: the word is part of a longer name of this type elsewhere. */
const KINDS = ['d', 'dm'] as const;
const D = 0;
const DM = 1;
/** Qualifiers: for `d=`, how much of the other occurrences that reading covers; for `dm=`, whether this occurrence is itself inside a longer name. */
const QUALIFIERS = [
  ['', 'all', 'most', 'some'],
  ['', 'in', 'out'],
] as const;
const ALL = 1;
const MOST = 2;
const SOME = 3;
const IN = 1;
const OUT = 2;
const QUALIFIER_SLOTS = 4;
/** 0: without the token's own reading; 1 + type: with the first pass's reading of the token. */
const OWN_SLOTS = TYPES.length + 1;

export const DOCUMENT_FEATURE_COUNT = KINDS.length * TYPES.length * QUALIFIER_SLOTS * OWN_SLOTS;

function code(kind: number, type: number, qualifier: number, ownSlot: number): number {
  return ((kind * TYPES.length + type) * QUALIFIER_SLOTS + qualifier) * OWN_SLOTS + ownSlot;
}

/** The model file's name of a feature number ('d=ORG|all', 'dm=PER|out|O', …), or undefined for an unused number. */
export function documentFeatureName(feature: number): string | undefined {
  const ownSlot = feature % OWN_SLOTS;
  const qualifier = Math.floor(feature / OWN_SLOTS) % QUALIFIER_SLOTS;
  const type = Math.floor(feature / (OWN_SLOTS * QUALIFIER_SLOTS)) % TYPES.length;
  const kind = Math.floor(feature / (OWN_SLOTS * QUALIFIER_SLOTS * TYPES.length));
  const qualifierName = QUALIFIERS[kind]?.[qualifier];
  if (qualifierName === undefined || (kind !== D && type === 0)) return undefined;
  return [`${KINDS[kind]}=${TYPES[type]}`, qualifierName, ownSlot ? TYPES[ownSlot - 1] : ''].filter(Boolean).join('|');
}

type Counts = [number, number, number, number, number];

function bump(map: Map<string, Counts>, key: string, type: number): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = [0, 0, 0, 0, 0]));
  counts[type]! += 1;
}

/** The type with the largest count from `from` on (the first on a tie), leaving one of `left` out; -1 when none. */
function largest(counts: Counts, left: number, from: number): number {
  let best = -1;
  let bestCount = 0;
  for (let t = from; t < counts.length; t += 1) {
    const c = counts[t]! - (t === left ? 1 : 0);
    if (c > 0 && (best < 0 || c > bestCount)) {
      best = t;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Calls `emit(sentence, token, feature)` for each document feature of each token, given the first pass's tags of
 * every sentence (`tags[s][i]`, indices into NAME_TAGS) of one document. Words are matched in lower case, so a shouted
 * headline meets the body's reading; the token's own reading is left out of the counts.
 */
export function documentFeatures(
  sentences: readonly (readonly string[])[],
  tags: readonly ArrayLike<number>[],
  emit: (sentence: number, token: number, feature: number) => void,
): void {
  const readings = new Map<string, Counts>();
  const inLongerNames = new Map<string, Counts>();
  const keys = sentences.map((words) => words.map((word) => (CAPITALISED.test(word) ? word.toLowerCase() : undefined)));
  const longerNameType = sentences.map((words, s) => {
    const types = new Int8Array(words.length).fill(-1);
    for (const span of spansOfTags(tags[s]!)) {
      if (span.end - span.start < 2) continue;
      for (let i = span.start; i < span.end; i += 1) types[i] = TYPES.indexOf(span.type);
    }
    return types;
  });
  keys.forEach((sentenceKeys, s) =>
    sentenceKeys.forEach((key, i) => {
      if (key === undefined) return;
      bump(readings, key, TYPE_OF_TAG[tags[s]![i]!]!);
      if (longerNameType[s]![i]! >= 0) bump(inLongerNames, key, longerNameType[s]![i]!);
    }),
  );
  keys.forEach((sentenceKeys, s) =>
    sentenceKeys.forEach((key, i) => {
      if (key === undefined) return;
      const own = TYPE_OF_TAG[tags[s]![i]!]!;
      const both = (kind: number, type: number, qualifier: number): void => {
        if (type === own) return;
        emit(s, i, code(kind, type, qualifier, 0));
        emit(s, i, code(kind, type, qualifier, 1 + own));
      };
      const others = readings.get(key)!;
      const total = others.reduce((a, b) => a + b, 0) - 1;
      if (total > 0) {
        const common = largest(others, own, 0);
        const share = (others[common]! - (common === own ? 1 : 0)) / total;
        both(D, common, 0);
        both(D, common, share === 1 ? ALL : share > 0.5 ? MOST : SOME);
      }
      const longer = inLongerNames.get(key);
      if (longer) {
        const inside = longerNameType[s]![i]!;
        const type = largest(longer, inside, 1);
        if (type > 0) {
          both(DM, type, 0);
          both(DM, type, inside >= 0 ? IN : OUT);
        }
      }
    }),
  );
}
