import type { Problem } from '../api/errors';
import type { SentimentLabel, SubscriptionInput, SubscriptionView } from '../api/types';

/** The subscription form as typed: lists are comma-separated text. */
export interface FormFields {
  actors: string;
  query: string;
  words: string;
  kinds: 'direct' | 'indirect' | 'any';
  include: string;
  exclude: string;
  labels: SentimentLabel[];
  channel: 'webhook' | 'stream';
  webhookUrl: string;
}

/** The form fields, each with the API paths whose problems are shown next to it. */
export const FIELD_PATHS: Record<keyof FormFields, string[]> = {
  actors: ['actors'],
  query: ['query'],
  words: ['words'],
  kinds: ['kinds'],
  include: ['outlets.include', 'outlets'],
  exclude: ['outlets.exclude'],
  labels: ['sentiment.labels', 'sentiment'],
  channel: ['channel'],
  webhookUrl: ['webhookUrl', 'secret'],
};

export const emptyForm = (): FormFields => ({
  actors: '',
  query: '',
  words: '',
  kinds: 'direct',
  include: '',
  exclude: '',
  labels: [],
  channel: 'stream',
  webhookUrl: '',
});

const list = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

export function formFromSubscription(s: SubscriptionView): FormFields {
  return {
    actors: s.actors.join(', '),
    query: s.query ?? '',
    words: (s.words ?? []).join(', '),
    kinds: s.kinds.length === 2 ? 'any' : (s.kinds[0] ?? 'direct'),
    include: (s.outlets?.include ?? []).join(', '),
    exclude: (s.outlets?.exclude ?? []).join(', '),
    labels: s.sentiment?.labels ?? [],
    channel: s.channel,
    webhookUrl: s.webhookUrl ?? '',
  };
}

/**
 * The request body for the form. Empty optional fields are `null` (a PATCH then removes the
 * condition); a create leaves them out. The API judges everything else and names what is wrong.
 */
export function inputFromForm(form: FormFields, forUpdate: boolean): SubscriptionInput {
  const absent = forUpdate ? null : undefined;
  const include = list(form.include);
  const exclude = list(form.exclude);
  const words = list(form.words);
  return {
    actors: list(form.actors),
    query: form.query.trim() || absent,
    words: words.length > 0 ? words : absent,
    kinds: [form.kinds],
    outlets:
      include.length || exclude.length
        ? { ...(include.length ? { include } : {}), ...(exclude.length ? { exclude } : {}) }
        : absent,
    sentiment: form.labels.length > 0 ? { labels: form.labels } : absent,
    channel: form.channel,
    webhookUrl: form.channel === 'webhook' ? form.webhookUrl.trim() : absent,
  };
}

/** Sorts the API's problems onto the fields they name; the rest are for the whole form. */
export function problemsByField(problems: Problem[]): { fields: Partial<Record<keyof FormFields, string[]>>; form: string[] } {
  const fields: Partial<Record<keyof FormFields, string[]>> = {};
  const form: string[] = [];
  const matches = (problem: Problem, path: string) => problem.path === path || problem.path.startsWith(`${path}.`);
  for (const problem of problems) {
    // The most specific path wins: "outlets.exclude.0" belongs to the exclude field, not to "outlets".
    let field: keyof FormFields | undefined;
    let length = -1;
    for (const [name, paths] of Object.entries(FIELD_PATHS) as Array<[keyof FormFields, string[]]>) {
      for (const path of paths) if (matches(problem, path) && path.length > length) [field, length] = [name, path.length];
    }
    if (field) (fields[field] ??= []).push(problem.message);
    else form.push(problem.path ? `${problem.path}: ${problem.message}` : problem.message);
  }
  return { fields, form };
}
