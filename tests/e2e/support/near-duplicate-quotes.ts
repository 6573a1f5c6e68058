import { shingleSimilarity, statementShingles } from '@chronicle/domain';

/** Fictional speakers the extractor attributes quotes to (intro with role, then surname + cue). */
export const SPEAKERS = [
  { name: 'Ingrid Solberg', role: 'Energy Minister' },
  { name: 'Kwame Mensah', role: 'Trade Minister' },
  { name: 'Lucia Ferraro', role: 'Interior Minister' },
  { name: 'Hamid Rahimi', role: 'Health Minister' },
  { name: 'Nora Castellanos', role: 'Mayor' },
] as const;

export type Speaker = (typeof SPEAKERS)[number];

/** The actor id the extractor gives a speaker, e.g. `person:ingrid-solberg`. */
export function actorIdOf(speaker: Speaker): string {
  return `person:${speaker.name.toLowerCase().replace(/\s+/g, '-')}`;
}

const VERBS = [
  'rebuild',
  'fund',
  'open',
  'protect',
  'modernise',
  'expand',
  'inspect',
  'reform',
  'double',
  'repair',
  'staff',
  'audit',
];
const ADJECTIVES = [
  'northern',
  'coastal',
  'oldest',
  'busiest',
  'rural',
  'flooded',
  'neglected',
  'largest',
  'eastern',
  'crowded',
  'historic',
  'smallest',
];
const NOUNS = [
  'depot',
  'terminal',
  'silo',
  'station',
  'plant',
  'tramway',
  'bridge',
  'clinic',
  'harbour',
  'grid',
  'school',
  'archive',
];
const PLACES = [
  'Valmora',
  'Stenby',
  'Oakhurst',
  'Lindfield',
  'Portavel',
  'Rosmere',
  'Caldwick',
  'Brenna',
  'Tullow',
  'Essington',
  'Marlow',
  'Dunmore',
];
const SEASONS = ['spring', 'winter', 'harvest', 'summer', 'autumn', 'election', 'budget', 'recess'];
const PEOPLE = ['nurses', 'farmers', 'pensioners', 'teachers', 'students', 'fishermen', 'drivers', 'tenants', 'miners', 'bakers'];

/** Most attempts at drawing a quote far enough from every earlier one before giving up. */
const MAX_DRAWS = 10_000;

/**
 * Quotes that are pairwise far apart (below `maxSimilarity` in the novelty measure, itself well
 * below the clustering threshold), so each one, with its variants, forms exactly one novelty
 * cluster per speaker. Every word slot varies, so two quotes share a shingle only by chance.
 */
export class QuoteFamilies {
  private readonly taken: number[][] = [];

  constructor(
    private readonly random: () => number,
    private readonly maxSimilarity = 0.5,
  ) {}

  next(): string {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(this.random() * list.length)]!;
    for (let draw = 0; draw < MAX_DRAWS; draw += 1) {
      const quote =
        `We will ${pick(VERBS)} the ${pick(ADJECTIVES)} ${pick(NOUNS)} in ${pick(PLACES)} before the ${pick(SEASONS)} ` +
        `and ${pick(VERBS)} every ${pick(ADJECTIVES)} ${pick(NOUNS)} that ${pick(PEOPLE)} in ${pick(PLACES)} rely on`;
      const shingles = statementShingles(quote);
      if (this.taken.some((other) => shingleSimilarity(shingles, other) >= this.maxSimilarity)) continue;
      this.taken.push(shingles);
      return quote;
    }
    throw new Error(`no quote below similarity ${this.maxSimilarity} to all ${this.taken.length} earlier ones`);
  }
}

/**
 * The `n`th way outlets print one quote (0–3): as said, embedded in a longer quote, trimmed, and
 * re-punctuated with different case. Novelty scores each against the others at 1 (containment).
 */
export function quoteVariant(quote: string, n: number): string {
  const words = quote.split(' ');
  switch (n % 4) {
    case 0:
      return quote;
    case 1:
      return `${quote}, and we will pay for every part of it`;
    case 2:
      return words.slice(0, Math.max(8, Math.ceil(words.length * 0.7))).join(' ');
    default:
      return `${words[0]!.toUpperCase()} ${words[1]}-${words.slice(2).join(' ').toLowerCase()}`;
  }
}

/** An article body in which `speaker` says `quote` (and, optionally, a second speaker replies). */
export function quoteArticle(input: {
  id: string;
  outlet: string;
  speaker: Speaker;
  quote: string;
  reply?: { speaker: Speaker; quote: string };
  publishedAt?: string;
}): { id: string; url: string; outlet: string; title: string; body: string; publishedAt?: string } {
  const surname = (speaker: Speaker) => speaker.name.split(' ').pop()!;
  const lines = [
    `VALMORA — ${input.speaker.role} ${input.speaker.name} spoke to reporters on Tuesday.`,
    `"${input.quote}," ${surname(input.speaker)} said.`,
  ];
  if (input.reply) {
    lines.push(`${input.reply.speaker.role} ${input.reply.speaker.name} answered later in the day.`);
    lines.push(`"${input.reply.quote}," ${surname(input.reply.speaker)} told reporters.`);
  }
  return {
    id: input.id,
    url: `https://${input.outlet.toLowerCase().replace(/\s+/g, '-')}.example/${input.id}`,
    outlet: input.outlet,
    title: `${input.speaker.name} speaks (${input.id})`,
    body: lines.join('\n'),
    ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}),
  };
}
