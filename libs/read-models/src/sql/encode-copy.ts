import { EncodedCopy } from './sql-session';
import { CopyColumn, copyStatement, copyText } from './pg-copy-text';

export function encodeCopy<T>(table: string, columns: ReadonlyArray<CopyColumn<T>>, rows: readonly T[]): EncodedCopy {
  return { table, statement: copyStatement(table, columns), text: copyText(rows, columns), rows: rows.length };
}
