// Opaque keyset cursors: the sort key of the last row of a page, base64url JSON.
import { z } from 'zod';
import { HttpProblem } from './problem.js';
import { safeLine } from './safe-text.js';

export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.output<T> | undefined {
  // An empty `cursor=` is a string the schema allows: it asks for the first page.
  if (cursor === undefined || cursor === '') return undefined;
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new HttpProblem(400, 'querystring.cursor: is not a cursor this API issued', [{ field: 'querystring.cursor', message: 'is not a cursor this API issued' }]);
  }
}

/**
 * One page of a keyset listing: `rows` were read with `limit + 1` (the extra row says
 * another page follows), `view` maps a row to what the caller sees, and the cursor is
 * the last shown row's sort key.
 */
export function keysetPage<Row, View>(rows: readonly Row[], limit: number, sortKey: (row: Row) => readonly (string | number | null)[], view: (row: Row) => View): { items: View[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sortKey(last)) : null };
}

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: safeLine().max(512).optional(),
};
