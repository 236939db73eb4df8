// What 第十三条 sets against a claim: the enterprise's awards under these measures
// (other cases, by support year and cost category, standing while their approval
// does) and its awards under other district policies (the officers' register).
import { and, eq, isNull, ne, notInArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { awards, budgetReservations, cases, otherPolicyAwards, payments } from '../db/schema.js';
import { getPolicyVersion, supportYearCostPeriod } from '../rules/index.js';
import type { PriorAward, ProgramCode } from '../rules/index.js';

type Reader = Pick<Database, 'select'>;

/** An award stands unless its case was revoked, or closed without it (rejected or withdrawn after an approval was reopened). */
const standing = (): SQL => notInArray(cases.status, ['revoked', 'rejected', 'withdrawn']);

/** Awards recorded with their approval, of the enterprise's other cases. */
async function awardsUnderTheseMeasures(db: Reader, enterpriseId: string, caseId: string): Promise<PriorAward[]> {
  const rows = await db
    .select({ program: awards.program, supportYear: awards.supportYear, costCategory: awards.costCategory, periodStart: awards.periodStart, periodEnd: awards.periodEnd, amountFen: awards.amountFen })
    .from(awards)
    .innerJoin(budgetReservations, and(eq(budgetReservations.caseId, awards.caseId), eq(budgetReservations.supportYear, awards.supportYear)))
    .innerJoin(cases, eq(cases.id, awards.caseId))
    .where(and(eq(awards.enterpriseId, enterpriseId), ne(awards.caseId, caseId), eq(budgetReservations.status, 'reserved'), standing()))
    .orderBy(awards.caseId, awards.supportYear, awards.component);
  return rows.map((r) => ({ program: r.program, supportYear: r.supportYear, costCategory: r.costCategory, periodStart: r.periodStart, periodEnd: r.periodEnd, amountFen: r.amountFen }));
}

/**
 * Years approved before awards were recorded: their payment instructions carry the
 * component; the category comes from the case's policy version, the period from the
 * support year.
 */
async function awardsFromPaymentsOnly(db: Reader, enterpriseId: string, caseId: string): Promise<PriorAward[]> {
  const recorded = db.select({ key: sql`${awards.caseId} || ':' || ${awards.supportYear}` }).from(awards).where(eq(awards.enterpriseId, enterpriseId));
  const rows = await db
    .select({ program: cases.program, policyVersion: cases.policyVersion, noticeYear: cases.noticeYear, supportYear: payments.supportYear, component: payments.component, amountFen: payments.amountFen })
    .from(payments)
    .innerJoin(cases, eq(cases.id, payments.caseId))
    .where(
      and(
        eq(cases.enterpriseId, enterpriseId),
        ne(cases.id, caseId),
        ne(payments.status, 'cancelled'),
        standing(),
        notInArray(sql`${payments.caseId} || ':' || ${payments.supportYear}`, recorded),
      ),
    )
    .orderBy(payments.caseId, payments.supportYear, payments.component);
  return rows.flatMap((r) => {
    const rule = getPolicyVersion(r.policyVersion).programs[r.program as ProgramCode]?.components.find((c) => c.name === r.component);
    if (!rule) return [];
    const period = supportYearCostPeriod(r.noticeYear, r.supportYear);
    return [{ program: r.program, supportYear: r.supportYear, costCategory: rule.costCategory, periodStart: period.start, periodEnd: period.end, amountFen: r.amountFen }];
  });
}

async function awardsUnderOtherPolicies(db: Reader, enterpriseId: string): Promise<PriorAward[]> {
  const rows = await db
    .select()
    .from(otherPolicyAwards)
    .where(and(eq(otherPolicyAwards.enterpriseId, enterpriseId), isNull(otherPolicyAwards.withdrawnAt)))
    .orderBy(otherPolicyAwards.id);
  return rows.map((r) => ({ policy: `${r.policyName}（${r.documentNumber}）`, costCategory: r.costCategory, periodStart: r.periodStart, periodEnd: r.periodEnd, amountFen: r.amountFen }));
}

export async function earlierAwardsOf(db: Reader, enterpriseId: string, caseId: string): Promise<PriorAward[]> {
  return [...(await awardsUnderTheseMeasures(db, enterpriseId, caseId)), ...(await awardsFromPaymentsOnly(db, enterpriseId, caseId)), ...(await awardsUnderOtherPolicies(db, enterpriseId))];
}
