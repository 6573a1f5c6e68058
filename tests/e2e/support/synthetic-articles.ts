/** Deterministic newswire-like articles with quotes by recurring figures, for load and crash tests. */
const FIGURES = [
  { name: 'Maria Lindqvist', role: 'Prime Minister', he: 'she' },
  { name: 'Tomas Herrera', role: 'Finance Minister', he: 'he' },
  { name: 'Aiko Tanabe', role: 'central bank governor', he: 'she' },
  { name: 'Samuel Okafor', role: 'opposition leader', he: 'he' },
  { name: 'Elena Petrova', role: 'Foreign Minister', he: 'she' },
];
const TOPICS = ['the budget', 'interest rates', 'the port strike', 'the border talks', 'energy prices', 'the election'];
const VERBS = ['said', 'told reporters', 'warned', 'added'];

export function syntheticArticle(i: number): { id: string; url: string; outlet: string; title: string; body: string; publishedAt: string } {
  const a = FIGURES[i % FIGURES.length]!;
  const b = FIGURES[(i * 3 + 1) % FIGURES.length]!;
  const topic = TOPICS[i % TOPICS.length]!;
  const verb = VERBS[i % VERBS.length]!;
  const body = [
    `${a.role} ${a.name} met ${b.role} ${b.name} on Tuesday to discuss ${topic}.`,
    `"We will not accept a deal on ${topic} that hurts working families, and we said so plainly (item ${i})," ${a.name} ${verb}.`,
    `${b.name} disagreed. "The numbers on ${topic} simply do not add up this year," ${b.he} said, adding that talks would continue.`,
    `Analysts expect a decision within weeks.`,
  ].join('\n');
  return {
    id: `synthetic-${i}`,
    url: `https://wire.example/${i}`,
    outlet: ['Wire One', 'Daily Two', 'Courier Three'][i % 3]!,
    title: `${a.name} and ${b.name} clash over ${topic}`,
    body,
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  };
}

/** A second version of article `i`: same id, url and outlet, other figures and words. */
export function revisedSyntheticArticle(i: number): ReturnType<typeof syntheticArticle> {
  const other = syntheticArticle(i + 2);
  const original = syntheticArticle(i);
  return { ...other, id: original.id, url: original.url, outlet: original.outlet, title: `${other.title} (corrected)` };
}
