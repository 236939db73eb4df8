// The test database: the real PostgreSQL from DATABASE_URL, already migrated.
import { openDatabase } from '../../db/client.js';
import type { DatabaseHandle } from '../../db/client.js';

export function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is unset: run the tests with `npm test`');
  return openDatabase({ url, maxConnections: 5 });
}

let counter = 0;
/** An id no other test or run uses, so tests share one database safely. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid.toString(36)}-${counter}`;
}
