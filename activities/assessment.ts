// Computes a case's amount through the pure rules module, under the case's own
// policy version. What the office knows of the enterprise (registration, blacklist,
// earlier awards under these measures) comes from the read model, not the application.
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { cases, enterprises } from '../db/schema.js';
import { evaluate } from '../rules/index.js';
import type { EvaluationResult, Facts, PriorAward, PriorYear, ProgramCode, Qualification } from '../rules/index.js';

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

export function createAssessmentActivities(db: Database) {
  return {
    async assessAmount(request: AssessmentRequest): Promise<EvaluationResult> {
      const [enterprise] = await db.select().from(enterprises).where(eq(enterprises.id, request.enterpriseId));
      const earlier = await db
        .select({ program: cases.program, year: cases.noticeYear, amountFen: cases.approvedAmountFen })
        .from(cases)
        .where(and(eq(cases.enterpriseId, request.enterpriseId), ne(cases.id, request.caseId), isNotNull(cases.approvedAmountFen)));
      const priorAwards: PriorAward[] = earlier.map((award) => ({
        program: award.program,
        year: award.year,
        ...(award.amountFen !== null && { amountFen: award.amountFen }),
      }));
      return evaluate({
        program: request.program,
        submittedOn: request.submittedOn,
        policyVersion: request.policyVersion,
        supportYear: request.supportYear,
        applicant: {
          registeredInDistrict: enterprise?.registeredInDistrict ?? request.registeredInDistrict,
          blacklisted: enterprise?.blacklisted ?? false,
          qualifications: request.qualifications,
          priorAwards,
        },
        facts: request.facts,
        priorYears: request.priorYears,
      });
    },
  };
}
