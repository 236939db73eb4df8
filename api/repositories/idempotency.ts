// Idempotency keys (an API-owned table): the first answer to a POST under a key is
// stored, and a retry with the same key and body gets it back. A row whose status is
// 0 is a request still in flight under that key.
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema.js';

export const IN_FLIGHT = 0;
/**
 * A request in flight longer than this has ended without saying so (its process died,
 * or the database went away before it could free the key): a retry takes the key over.
 * Longer than any request waits for a case.
 */
const ABANDONED_AFTER = sql`interval '2 minutes'`;

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${canonicalJson(body)}`).digest('hex');
}

/** JSON with object keys sorted, so the same body in another key order hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export type Reservation =
  | { kind: 'reserved' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

/** Claims the key for this request, or says what the first request under it got. */
export async function reserveKey(db: Database, userId: string, key: string, hash: string): Promise<Reservation> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash: hash, responseStatus: IN_FLIGHT, responseBody: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 1) return { kind: 'reserved' };
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  if (!row) return reserveKey(db, userId, key, hash);
  if (row.requestHash !== hash) return { kind: 'mismatch' };
  if (row.responseStatus === IN_FLIGHT) return (await takeOverAbandoned(db, userId, key)) ? { kind: 'reserved' } : { kind: 'in-flight' };
  return { kind: 'replay', status: row.responseStatus, body: row.responseBody };
}

async function takeOverAbandoned(db: Database, userId: string, key: string): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ createdAt: sql`now()` })
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.responseStatus, IN_FLIGHT),
        lt(idempotencyKeys.createdAt, sql`now() - ${ABANDONED_AFTER}`),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return taken.length === 1;
}

export async function completeKey(db: Database, userId: string, key: string, status: number, body: unknown): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: status, responseBody: body })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Frees the key after a failure, so a retry is processed afresh. */
export async function releaseKey(db: Database, userId: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}
