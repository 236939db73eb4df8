// Expert panel seats of a case (written by activities).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { panelSeats } from '../../db/schema.js';

export type SeatRow = typeof panelSeats.$inferSelect;

export async function seatsOfCase(db: Database, caseId: string): Promise<SeatRow[]> {
  return db.select().from(panelSeats).where(eq(panelSeats.caseId, caseId)).orderBy(asc(panelSeats.seat), asc(panelSeats.expertId));
}

/**
 * Seat statuses of an expert who sits on the panel. One who declared a conflict
 * (declined) or was replaced for silence (timed-out) has left it, and with it the
 * case, its facts, its evidence and its scores.
 */
export const SITTING: readonly string[] = ['invited', 'accepted', 'scored'];

/** The expert's seats that still give it the case. */
export const sittingSeatOf = (expertId: string) => and(eq(panelSeats.expertId, expertId), inArray(panelSeats.status, [...SITTING]));

export async function sitsOnPanel(db: Database, caseId: string, expertId: string): Promise<boolean> {
  const rows = await db
    .select({ seat: panelSeats.seat })
    .from(panelSeats)
    .where(and(eq(panelSeats.caseId, caseId), sittingSeatOf(expertId)))
    .limit(1);
  return rows.length === 1;
}
