// What the workspace's case and task pages show beside the case row: its closed tasks
// (earlier decisions, who and why), its approvals per support year (budget
// reservations), what is recovered, and the facts a later support year is assessed on.
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { budgetReservations, recoveries, tasks, yearlyReports } from '../../db/schema.js';
import type { Facts } from '../../rules/index.js';

export async function closedTasksOfCase(db: Database, caseId: string) {
  return db
    .select({ id: tasks.id, kind: tasks.kind, stage: tasks.stage, role: tasks.role, status: tasks.status, closedAt: tasks.closedAt, closedBy: tasks.closedBy, outcome: tasks.outcome, subject: tasks.subject })
    .from(tasks)
    .where(and(eq(tasks.caseId, caseId), ne(tasks.status, 'open')))
    .orderBy(desc(tasks.closedAt), asc(tasks.id));
}

/** The latest formal review that returned the application for correction: the reason given to the applicant, and when. */
export async function lastReturnOfCase(db: Database, caseId: string): Promise<{ reason: string; closedAt: Date } | null> {
  const [row] = await db
    .select({ outcome: tasks.outcome, closedAt: tasks.closedAt })
    .from(tasks)
    .where(and(eq(tasks.caseId, caseId), eq(tasks.kind, 'formal-review'), eq(tasks.status, 'done'), sql`${tasks.outcome}->>'decision' = 'return'`))
    .orderBy(desc(tasks.closedAt))
    .limit(1);
  if (!row?.closedAt) return null;
  const reason = (row.outcome as { reason?: unknown } | null)?.reason;
  return { reason: typeof reason === 'string' ? reason : '', closedAt: row.closedAt };
}

export async function approvalsOfCase(db: Database, caseId: string) {
  return db
    .select({
      supportYear: budgetReservations.supportYear,
      budgetYear: budgetReservations.budgetYear,
      amountFen: budgetReservations.amountFen,
      overBudgetReason: budgetReservations.overBudgetReason,
      status: budgetReservations.status,
      createdAt: budgetReservations.createdAt,
    })
    .from(budgetReservations)
    .where(eq(budgetReservations.caseId, caseId))
    .orderBy(asc(budgetReservations.supportYear));
}

export async function recoveriesOfCase(db: Database, caseId: string) {
  return db
    .select({ supportYear: recoveries.supportYear, component: recoveries.component, amountFen: recoveries.amountFen, grounds: recoveries.grounds, status: recoveries.status, reference: recoveries.reference, settledAt: recoveries.settledAt })
    .from(recoveries)
    .where(eq(recoveries.caseId, caseId))
    .orderBy(asc(recoveries.supportYear), asc(recoveries.component));
}

/** A later support year is assessed on its verified figures (or, before verification, the reported ones). */
export async function factsOfYear(db: Database, caseId: string, supportYear: number): Promise<Facts | undefined> {
  if (supportYear <= 1) return undefined;
  const [report] = await db
    .select({ facts: yearlyReports.facts, verifiedFacts: yearlyReports.verifiedFacts })
    .from(yearlyReports)
    .where(and(eq(yearlyReports.caseId, caseId), eq(yearlyReports.supportYear, supportYear)))
    .limit(1);
  if (!report?.facts) return undefined;
  // The officer's figures replace only the facts they state, as the case merges them.
  return { ...(report.facts as Facts), ...((report.verifiedFacts as Facts | null) ?? {}) };
}
