import { TextQuery } from './subscription-query';

/**
 * One word as a quoted tsquery operand. The parser's words hold only letters and digits, so
 * quoting is defence in depth: inside quotes `'` doubles and `\` escapes, and nothing else in a
 * word can be read as tsquery syntax (`&`, `|`, `!`, `<->`, `:*`, parentheses).
 */
function operand(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Renders a parsed text query as the text `to_tsquery('english', …)` reads: AND `&`, OR `|`,
 * NOT `!`, a phrase (or a word the parser split, like `covid-19`) as a `<->` chain, a prefix
 * word `ukrain*` as `'ukrain':*`. Every group is parenthesised, so precedence is the parser's.
 * Postgres stems each operand with the English configuration, so `sanctions` matches
 * "sanction"; stop words ("the") are dropped from the query, which then matches as if they were absent.
 */
export function renderTsQuery(query: TextQuery): string {
  switch (query.op) {
    case 'term': {
      const words = query.words.map(operand);
      if (query.prefix) words[words.length - 1] += ':*';
      return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
    }
    case 'and':
      return `(${query.of.map(renderTsQuery).join(' & ')})`;
    case 'or':
      return `(${query.of.map(renderTsQuery).join(' | ')})`;
    case 'not':
      return `!${renderTsQuery(query.of)}`;
    default: {
      const unreachable: never = query;
      return unreachable;
    }
  }
}
