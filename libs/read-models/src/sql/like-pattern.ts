/**
 * A LIKE/ILIKE pattern matching values that contain `text` literally: `%`, `_` and the escape
 * character `\` in it are escaped, so `q=%` finds names with a percent sign, not every name.
 * Use with `ESCAPE '\'` in the SQL, which states the escape character rather than relying on
 * Postgres's default.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
