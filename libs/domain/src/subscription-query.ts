import { normalizeStatementText } from './statement-cluster';

/**
 * A boolean text query over a statement: words (`ukraine`, prefix `ukrain*`), quoted phrases
 * (`"air defence"`), `AND` (also implied between adjacent terms), `OR`, `NOT` (or a leading `-`)
 * and parentheses. Matching is on normalised words, so case, accents and punctuation do not matter.
 */
export type TextQuery =
  | { op: 'term'; words: string[]; prefix: boolean }
  | { op: 'and'; of: TextQuery[] }
  | { op: 'or'; of: TextQuery[] }
  | { op: 'not'; of: TextQuery };

/** A query that cannot be parsed; `message` says where and why. */
export class TextQuerySyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextQuerySyntaxError';
  }
}

type Token = { kind: 'word' | 'phrase'; value: string } | { kind: 'and' | 'or' | 'not' | 'open' | 'close' };

const MAX_QUERY_TERMS = 50;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i]!;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'open' : 'close' });
      i += 1;
    } else if (char === '"' || char === '\u201c' || char === '\u201d') {
      const end = query.slice(i + 1).search(/["\u201c\u201d]/);
      if (end < 0) throw new TextQuerySyntaxError(`unterminated quoted phrase at position ${i + 1}`);
      tokens.push({ kind: 'phrase', value: query.slice(i + 1, i + 1 + end) });
      i += end + 2;
    } else if (char === '-' && /[^\s)]/.test(query[i + 1] ?? ' ')) {
      // A leading minus negates the following term or group: `-sanctions`, `-(oil OR gas)`.
      tokens.push({ kind: 'not' });
      i += 1;
    } else {
      const match = /^[^\s()"\u201c\u201d]+/.exec(query.slice(i))![0];
      const upper = match.toUpperCase();
      if (match === upper && (upper === 'AND' || upper === 'OR' || upper === 'NOT')) {
        tokens.push({ kind: upper.toLowerCase() as 'and' | 'or' | 'not' });
      } else {
        tokens.push({ kind: 'word', value: match });
      }
      i += match.length;
    }
  }
  return tokens;
}

/**
 * Parses a boolean text query. Precedence: NOT binds tightest, then AND (explicit or implied),
 * then OR.
 * @throws TextQuerySyntaxError for unbalanced parentheses, dangling operators, empty terms.
 */
export function parseTextQuery(query: string): TextQuery {
  const tokens = tokenize(query);
  let position = 0;
  let terms = 0;
  const peek = (): Token | undefined => tokens[position];
  const describe = (token: Token | undefined): string =>
    token ? ('value' in token ? `"${token.value}"` : token.kind.toUpperCase()) : 'end of query';

  const parseOr = (): TextQuery => {
    const of = [parseAnd()];
    while (peek()?.kind === 'or') {
      position += 1;
      of.push(parseAnd());
    }
    return of.length === 1 ? of[0]! : { op: 'or', of };
  };
  const parseAnd = (): TextQuery => {
    const of = [parseUnary()];
    for (;;) {
      const next = peek();
      if (next?.kind === 'and') {
        position += 1;
        of.push(parseUnary());
      } else if (next && (next.kind === 'word' || next.kind === 'phrase' || next.kind === 'not' || next.kind === 'open')) {
        of.push(parseUnary());
      } else {
        break;
      }
    }
    return of.length === 1 ? of[0]! : { op: 'and', of };
  };
  const parseUnary = (): TextQuery => {
    const token = peek();
    if (token?.kind === 'not') {
      position += 1;
      return { op: 'not', of: parseUnary() };
    }
    if (token?.kind === 'open') {
      position += 1;
      const inner = parseOr();
      if (peek()?.kind !== 'close') throw new TextQuerySyntaxError(`expected ")" but found ${describe(peek())}`);
      position += 1;
      return inner;
    }
    if (token?.kind === 'word' || token?.kind === 'phrase') {
      position += 1;
      terms += 1;
      if (terms > MAX_QUERY_TERMS) throw new TextQuerySyntaxError(`more than ${MAX_QUERY_TERMS} terms`);
      const prefix = token.kind === 'word' && token.value.endsWith('*');
      const words = normalizeStatementText(prefix ? token.value.slice(0, -1) : token.value)
        .split(' ')
        .filter(Boolean);
      if (words.length === 0) throw new TextQuerySyntaxError(`${describe(token)} contains no letters or digits`);
      return { op: 'term', words, prefix };
    }
    throw new TextQuerySyntaxError(`expected a word, phrase, NOT or "(" but found ${describe(token)}`);
  };

  if (tokens.length === 0) throw new TextQuerySyntaxError('the query is empty');
  const result = parseOr();
  if (position < tokens.length) throw new TextQuerySyntaxError(`unexpected ${describe(peek())}`);
  return result;
}

/** A query that matches when any of the given words or phrases occurs. */
export function anyOfWords(words: readonly string[]): TextQuery {
  return parseTextQuery(words.map((word) => `"${word.replace(/["\u201c\u201d]/g, ' ')}"`).join(' OR '));
}

function containsSequence(haystack: readonly string[], needle: readonly string[], prefix: boolean): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    let all = true;
    for (let k = 0; k < needle.length; k += 1) {
      const word = haystack[start + k]!;
      const wanted = needle[k]!;
      const last = k === needle.length - 1;
      if (!(word === wanted || (prefix && last && word.startsWith(wanted)))) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/** True when the statement text satisfies the query. */
export function matchesTextQuery(query: TextQuery, text: string): boolean {
  const words = normalizeStatementText(text).split(' ').filter(Boolean);
  const evaluate = (node: TextQuery): boolean => {
    switch (node.op) {
      case 'term':
        return containsSequence(words, node.words, node.prefix);
      case 'and':
        return node.of.every(evaluate);
      case 'or':
        return node.of.some(evaluate);
      case 'not':
        return !evaluate(node.of);
      default: {
        const unreachable: never = node;
        return unreachable;
      }
    }
  };
  return evaluate(query);
}
