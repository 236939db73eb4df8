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

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: safeLine().max(512).optional(),
};
