/**
 * A deterministic mix of newswire-style articles for benchmarks: several layouts (quote first,
 * attribution first, split quotes, reported speech, datelines, long background paragraphs),
 * many speakers and organisations. Written for Chronicle; not copied from any outlet.
 */
const PEOPLE = [
  ['Prime Minister', 'Maria Lindqvist', 'she'],
  ['Finance Minister', 'Tomas Herrera', 'he'],
  ['central bank governor', 'Aiko Tanabe', 'she'],
  ['opposition leader', 'Samuel Okafor', 'he'],
  ['Foreign Minister', 'Elena Petrova', 'she'],
  ['union leader', 'Grace Mbeki', 'she'],
  ['Senator', 'Robert Haines', 'he'],
  ['Health Secretary', 'Priya Raman', 'she'],
  ['Mayor', 'Jonas Weber', 'he'],
  ['chief executive', 'Laura Chen', 'she'],
] as const;
const ORGS = ['the Finance Ministry', 'Meridian Terminals', 'the World Bank', 'the Transport Workers Union', 'the European Commission', 'Northwind Energy'];
const PLACES = ['Brussels', 'Nairobi', 'Lisbon', 'Ottawa', 'Jakarta', 'Santiago', 'Warsaw', 'Manila'];
const TOPICS = ['the budget', 'interest rates', 'the port strike', 'border talks', 'energy prices', 'the election', 'hospital waiting lists', 'the housing plan'];
const FILLER = [
  'The dispute has dragged on for months and has drawn criticism from business groups and consumer advocates alike.',
  'Officials declined to give a timetable, but several people familiar with the discussions said a compromise was possible before the end of the quarter.',
  'Markets reacted calmly to the news, with the main index closing slightly higher and bond yields little changed.',
  'Critics say the measures do too little for families on low incomes, while supporters argue they will restore confidence.',
  'The government has faced mounting pressure since the last election, when its majority was sharply reduced.',
  'Independent economists warned that the figures could be revised once more complete data became available next month.',
];

function pick<T>(items: readonly T[], i: number): T {
  return items[i % items.length]!;
}

export function newsArticle(i: number): { id: string; title: string; body: string } {
  const [roleA, nameA, pronA] = pick(PEOPLE, i);
  const [roleB, nameB] = pick(PEOPLE, i * 7 + 3);
  const org = pick(ORGS, i * 3);
  const place = pick(PLACES, i * 5);
  const topic = pick(TOPICS, i);
  const surnameA = nameA.split(' ')[1]!;
  const paragraphs = [
    `${place.toUpperCase()} (Wire) — ${roleA} ${nameA} on ${pick(['Monday', 'Tuesday', 'Friday'], i)} defended the government's handling of ${topic}, saying that the plan would protect jobs.`,
    `"We have listened to people across the country, and we will not walk away from ${topic} now," ${surnameA} told reporters in ${place}. "This is about the next ten years, not the next ten days."`,
    pick(FILLER, i),
    `${roleB} ${nameB} said the plan was "too little, too late" and accused the government of ignoring warnings from ${org}.`,
    `According to ${org}, costs linked to ${topic} rose by ${(i % 9) + 2} percent last year. A spokesperson for ${org} said the figures showed the need for urgent action.`,
    `"I have asked my team to publish every number we have," ${pronA} said, adding that an independent review would report by the summer.`,
    pick(FILLER, i + 1),
    `${nameB} later wrote on social media that the ${pick(['minister', 'government', 'committee'], i)} "must answer for the delays".`,
    pick(FILLER, i + 2),
    pick(FILLER, i + 3),
  ];
  return { id: `bench-${i}`, title: `${nameA} defends plan on ${topic} as critics push back`, body: paragraphs.join('\n') };
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
