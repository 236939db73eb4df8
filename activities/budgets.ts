// Program budgets per year (from the annual notice), drawn down by approvals. A
// reservation is taken under a lock on the year's notice, so two committees approving
// at once cannot both spend the same remainder.
import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { annualNotices, budgetReservations, cases } from '../db/schema.js';
import { writeAudit } from './audit.js';
import { recordAwardOfApproval } from './award-records.js';

export interface BudgetQuery {
  program: string;
  budgetYear: number;
  /** Leave this case's own reservation for the year out (a re-decision replaces it). */
  caseId: string;
  supportYear: number;
}

export interface BudgetStanding {
  /** null: the year's notice sets no budget for the program, so nothing limits it. */
  budgetFen: number | null;
  reservedFen: number;
  remainingFen: number | null;
}

export interface BudgetReservation extends BudgetQuery {
  amountFen: number;
  overBudgetReason?: string;
  actor: string;
}

type Reader = Pick<Database, 'select'>;

async function standing(db: Reader, query: BudgetQuery, lock: boolean): Promise<BudgetStanding> {
  const notices = db.select({ programs: annualNotices.programs }).from(annualNotices).where(eq(annualNotices.year, query.budgetYear));
  const [notice] = lock ? await notices.for('update') : await notices;
  const programs = (notice?.programs ?? {}) as Record<string, { budgetFen?: number } | undefined>;
  const budgetFen = programs[query.program]?.budgetFen ?? null;
  const [reserved] = await db
    .select({ total: sql<string>`coalesce(sum(${budgetReservations.amountFen}), 0)::text` })
    .from(budgetReservations)
    .where(
      and(
        eq(budgetReservations.program, query.program),
        eq(budgetReservations.budgetYear, query.budgetYear),
        eq(budgetReservations.status, 'reserved'),
        or(ne(budgetReservations.caseId, query.caseId), ne(budgetReservations.supportYear, query.supportYear)),
      ),
    );
  const reservedFen = Number(reserved?.total ?? 0);
  return { budgetFen, reservedFen, remainingFen: budgetFen === null ? null : budgetFen - reservedFen };
}

export function createBudgetActivities(db: Database) {
  return {
    async budgetStanding(query: BudgetQuery): Promise<BudgetStanding> {
      return standing(db, query, false);
    },

    /** Reserves the amount, unless it exceeds what is left and no over-budget reason is given. */
    async reserveBudget(reservation: BudgetReservation): Promise<{ reserved: boolean; standing: BudgetStanding }> {
      return db.transaction(async (tx) => {
        const now = await standing(tx, reservation, true);
        const over = now.remainingFen !== null && reservation.amountFen > now.remainingFen;
        if (over && !reservation.overBudgetReason) return { reserved: false, standing: now };
        const row = {
          program: reservation.program,
          budgetYear: reservation.budgetYear,
          amountFen: reservation.amountFen,
          overBudgetReason: over ? (reservation.overBudgetReason ?? null) : null,
          status: 'reserved',
        };
        await tx
          .insert(budgetReservations)
          .values({ caseId: reservation.caseId, supportYear: reservation.supportYear, ...row })
          .onConflictDoUpdate({ target: [budgetReservations.caseId, budgetReservations.supportYear], set: row });
        // The reservation is the approval: the case shows the approved amount with it,
        // and the award is recorded by cost item for 从优不重复.
        await recordAwardOfApproval(tx, reservation.caseId, reservation.supportYear, reservation.amountFen);
        await tx.update(cases).set({ approvedAmountFen: reservation.amountFen, updatedAt: sql`now()` }).where(eq(cases.id, reservation.caseId));
        await writeAudit(tx, {
          eventKey: `${reservation.caseId}:y${reservation.supportYear}:budget-${reservation.budgetYear}-${reservation.amountFen}`,
          caseId: reservation.caseId,
          actor: reservation.actor,
          action: over ? 'budget-reserved-over-budget' : 'budget-reserved',
          detail: { budgetYear: reservation.budgetYear, amountFen: reservation.amountFen, remainingBeforeFen: now.remainingFen },
          reason: reservation.overBudgetReason,
        });
        return { reserved: true, standing: now };
      });
    },

    /** Gives back what a revoked case had reserved but not been paid. */
    async releaseUnpaidBudget(caseId: string): Promise<void> {
      await db.execute(sql`
        update budget_reservations r set status = 'released'
        where r.case_id = ${caseId} and r.status = 'reserved'
          and not exists (select 1 from payments p where p.case_id = r.case_id and p.support_year = r.support_year and p.status = 'paid')`);
    },
  };
}
