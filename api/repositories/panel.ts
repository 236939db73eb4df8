// Expert panel seats of a case (written by activities).
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { panelSeats } from '../../db/schema.js';

export type SeatRow = typeof panelSeats.$inferSelect;

export async function seatsOfCase(db: Database, caseId: string): Promise<SeatRow[]> {
  return db.select().from(panelSeats).where(eq(panelSeats.caseId, caseId)).orderBy(asc(panelSeats.seat), asc(panelSeats.expertId));
}

export async function sitsOnPanel(db: Database, caseId: string, expertId: string): Promise<boolean> {
  const rows = await db
    .select({ seat: panelSeats.seat })
    .from(panelSeats)
    .where(and(eq(panelSeats.caseId, caseId), eq(panelSeats.expertId, expertId)))
    .limit(1);
  return rows.length === 1;
}
