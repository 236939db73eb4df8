// The expert pool and the panel's seats in the read model.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { enterprises, panelSeats, users } from '../db/schema.js';
import type { PanelSeatView } from '../domain/vocabulary.js';

export interface CandidateRequest {
  enterpriseId: string;
  specialty: string;
}

export interface SeatRecord {
  caseId: string;
  expertId: string;
  seat: number;
  status: PanelSeatView['status'];
  scores?: Record<string, number>;
  totalPoints?: number;
}

export function createPanelActivities(db: Database) {
  return {
    /**
     * Active experts of the specialty without a conflict of interest: not of the
     * applicant's organisation, no declared relation, not its own staff. Sorted, so
     * the workflow's seeded draw over it is reproducible.
     */
    async listExpertCandidates(request: CandidateRequest): Promise<string[]> {
      const [enterprise] = await db.select().from(enterprises).where(eq(enterprises.id, request.enterpriseId));
      const rows = await db
        .select({ id: users.id, organisation: users.organisation, enterpriseId: users.enterpriseId, related: users.relatedEnterpriseIds })
        .from(users)
        .where(and(eq(users.role, 'expert'), eq(users.active, true), sql`${request.specialty} = any(${users.specialties})`))
        .orderBy(asc(users.id));
      return rows
        .filter((expert) => !enterprise || expert.organisation !== enterprise.organisation)
        .filter((expert) => expert.enterpriseId !== request.enterpriseId && !expert.related.includes(request.enterpriseId))
        .map((expert) => expert.id);
    },

    async recordSeat(seat: SeatRecord): Promise<void> {
      const values = {
        status: seat.status,
        scores: seat.scores ?? null,
        totalPoints: seat.totalPoints ?? null,
        updatedAt: sql`now()`,
      };
      await db
        .insert(panelSeats)
        .values({ caseId: seat.caseId, expertId: seat.expertId, seat: seat.seat, ...values })
        .onConflictDoUpdate({ target: [panelSeats.caseId, panelSeats.expertId], set: values });
    },

    async closePanel(caseId: string): Promise<void> {
      await db.update(panelSeats).set({ panelClosed: true, updatedAt: sql`now()` }).where(eq(panelSeats.caseId, caseId));
    },
  };
}
