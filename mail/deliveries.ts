// Deliveries through their states. A sender claims a batch under a lease (FOR UPDATE
// SKIP LOCKED: two senders never hold the same row), marks each one sent right after
// the SMTP server accepts it, and a row whose lease ran out (its sender died) is
// claimed again. `lease_expires_at` on a pending row is "not before": the retry's wait.
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { mailDeliveries } from '../db/schema.js';

export type DeliveryRow = typeof mailDeliveries.$inferSelect;

/** After this many tries the delivery is given up (failed, with its last error). */
export const MAX_ATTEMPTS = 8;

export async function claimDeliveries(db: Database, options: { batch: number; leaseSeconds: number }): Promise<DeliveryRow[]> {
  const claimable = db
    .select({ id: mailDeliveries.id })
    .from(mailDeliveries)
    .where(and(inArray(mailDeliveries.status, ['pending', 'sending']), or(isNull(mailDeliveries.leaseExpiresAt), lt(mailDeliveries.leaseExpiresAt, sql`now()`))))
    .orderBy(asc(mailDeliveries.id))
    .limit(options.batch)
    .for('update', { skipLocked: true });
  return db
    .update(mailDeliveries)
    .set({ status: 'sending', attempts: sql`${mailDeliveries.attempts} + 1`, leaseExpiresAt: sql`now() + make_interval(secs => ${options.leaseSeconds}::double precision)` })
    .where(inArray(mailDeliveries.id, claimable))
    .returning();
}

/** SMTP accepted it: never sent again. Only while this sender still holds it. */
export async function markSent(db: Database, id: number): Promise<void> {
  await db
    .update(mailDeliveries)
    .set({ status: 'sent', sentAt: sql`now()`, leaseExpiresAt: null, lastError: null })
    .where(and(eq(mailDeliveries.id, id), eq(mailDeliveries.status, 'sending')));
}

/** Not sent: tried again after a wait that doubles (up to 10 min), or given up when permanent or tried enough. */
export async function markNotSent(db: Database, delivery: DeliveryRow, error: string, permanent: boolean): Promise<void> {
  const giveUp = permanent || delivery.attempts >= MAX_ATTEMPTS;
  const waitSeconds = Math.min(600, 2 ** delivery.attempts);
  await db
    .update(mailDeliveries)
    .set(
      giveUp
        ? { status: 'failed', leaseExpiresAt: null, lastError: error.slice(0, 1000) }
        : { status: 'pending', leaseExpiresAt: sql`now() + make_interval(secs => ${waitSeconds})`, lastError: error.slice(0, 1000) },
    )
    .where(and(eq(mailDeliveries.id, delivery.id), eq(mailDeliveries.status, 'sending')));
}

/** Hands back what this sender claimed but will not get to (its lease is running short). */
export async function releaseDeliveries(db: Database, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(mailDeliveries)
    .set({ status: 'pending', leaseExpiresAt: null })
    .where(and(inArray(mailDeliveries.id, ids), eq(mailDeliveries.status, 'sending')));
}
