// Computes a case's amount through the pure rules module, under the case's own
// policy version. What the office knows of the enterprise (registration, blacklist,
// earlier awards under these measures and under other district policies) comes from
// the read model, not the application. Each assessment is kept in the read model
// with its trace, so the case view and the committee see the explanation.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { assessments, cases, enterprises } from '../db/schema.js';
import { evaluate, supportYearCostPeriod } from '../rules/index.js';
import type { EvaluationResult, Facts, PriorYear, ProgramCode, Qualification } from '../rules/index.js';
import { earlierAwardsOf } from './earlier-awards.js';

export interface AssessmentRequest {
  caseId: string;
  enterpriseId: string;
  program: ProgramCode;
  submittedOn: string;
  policyVersion: string;
  supportYear: number;
  /** Earlier years of this award (the consecutive-year rule reads them). */
  priorYears: PriorYear[];
  registeredInDistrict: boolean;
  qualifications: Qualification[];
  facts: Facts;
}

/**
 * The rules' result for a case's support year on what the read model knows of the
 * enterprise now; reads only (the API shows it before the case has assessed the year).
 */
export async function computeAssessment(db: Database, request: AssessmentRequest): Promise<EvaluationResult> {
  const [enterprise] = await db.select().from(enterprises).where(eq(enterprises.id, request.enterpriseId));
  const [own] = await db.select({ noticeYear: cases.noticeYear }).from(cases).where(eq(cases.id, request.caseId));
  const noticeYear = own?.noticeYear ?? Number(request.submittedOn.slice(0, 4));
  return evaluate({
    program: request.program,
    submittedOn: request.submittedOn,
    policyVersion: request.policyVersion,
    supportYear: request.supportYear,
    period: supportYearCostPeriod(noticeYear, request.supportYear),
    applicant: {
      registeredInDistrict: enterprise?.registeredInDistrict ?? request.registeredInDistrict,
      blacklisted: enterprise?.blacklisted ?? false,
      qualifications: request.qualifications,
      priorAwards: await earlierAwardsOf(db, request.enterpriseId, request.caseId),
    },
    facts: request.facts,
    priorYears: request.priorYears,
  });
}

/** The kept assessment of the latest support year before `supportYear` (a skipped year has none). */
export async function previousAssessment(db: Database, caseId: string, supportYear: number): Promise<{ supportYear: number; result: EvaluationResult } | undefined> {
  const [row] = await db
    .select({ supportYear: assessments.supportYear, result: assessments.result })
    .from(assessments)
    .where(and(eq(assessments.caseId, caseId), lt(assessments.supportYear, supportYear)))
    .orderBy(desc(assessments.supportYear))
    .limit(1);
  // Written by assessAmount from the rules' EvaluationResult.
  return row && { supportYear: row.supportYear, result: row.result as EvaluationResult };
}

export function createAssessmentActivities(db: Database) {
  return {
    /** The amount the previous assessed support year came to, for the year-over-year check; null when there is none. */
    async previousYearAmount(request: { caseId: string; supportYear: number }): Promise<{ supportYear: number; amountFen: number } | null> {
      const previous = await previousAssessment(db, request.caseId, request.supportYear);
      return previous ? { supportYear: previous.supportYear, amountFen: previous.result.amountFen } : null;
    },
    async assessAmount(request: AssessmentRequest): Promise<EvaluationResult> {
      const result = await computeAssessment(db, request);
      const row = { program: request.program, policyVersion: result.policyVersion, eligible: result.eligible, amountFen: result.amountFen, result, assessedAt: sql`now()` };
      await db
        .insert(assessments)
        .values({ caseId: request.caseId, supportYear: request.supportYear, ...row })
        .onConflictDoUpdate({ target: [assessments.caseId, assessments.supportYear], set: row });
      return result;
    },
  };
}
