// Idempotency keys (an API-owned table): the first answer to a POST under a key is
// stored, and a retry with the same key and body gets it back. A row whose status is
// 0 is a request in flight under that key, holding it until its lease runs out.
import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema.js';

export const IN_FLIGHT = 0;

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
  | { kind: 'in-flight'; leaseExpiresAt: Date | null };

/**
 * Claims the key for this request for `leaseSeconds`, or says what the first request
 * under it got. A request that died holding the key (its process killed) never
 * completes it: once its lease has run out, the same request takes the key over.
 */
export async function reserveKey(db: Database, userId: string, key: string, hash: string, leaseSeconds: number): Promise<Reservation> {
  const lease = sql`now() + make_interval(secs => ${leaseSeconds}::double precision)`;
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash: hash, responseStatus: IN_FLIGHT, responseBody: {}, leaseExpiresAt: lease })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 1) return { kind: 'reserved' };
  const takenOver = await db
    .update(idempotencyKeys)
    .set({ leaseExpiresAt: lease })
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.requestHash, hash),
        eq(idempotencyKeys.responseStatus, IN_FLIGHT),
        // A row from before leases existed counts as expired.
        or(isNull(idempotencyKeys.leaseExpiresAt), lt(idempotencyKeys.leaseExpiresAt, sql`now()`)),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  if (takenOver.length === 1) return { kind: 'reserved' };
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  if (!row) return reserveKey(db, userId, key, hash, leaseSeconds);
  if (row.requestHash !== hash) return { kind: 'mismatch' };
  if (row.responseStatus === IN_FLIGHT) return { kind: 'in-flight', leaseExpiresAt: row.leaseExpiresAt };
  return { kind: 'replay', status: row.responseStatus, body: row.responseBody };
}

export async function completeKey(db: Database, userId: string, key: string, status: number, body: unknown): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: status, responseBody: body, leaseExpiresAt: null })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Frees the key after a failure, so a retry is processed afresh. */
export async function releaseKey(db: Database, userId: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}
