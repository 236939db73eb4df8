// An approval recorded as the award 第十三条 needs: the approved amount split over the
// assessed components (the rules' reduced-approval reading), each with its cost
// category and the cost period of the support year. Runs in the approval's
// transaction; a re-decision of the same year replaces the rows.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { assessments, awards, cases } from '../db/schema.js';
import { allocateApproved, getPolicyVersion, supportYearCostPeriod } from '../rules/index.js';
import type { EvaluationResult } from '../rules/index.js';

type Writer = Pick<Database, 'select' | 'insert' | 'delete'>;

export async function recordAwardOfApproval(tx: Writer, caseId: string, supportYear: number, approvedFen: number): Promise<void> {
  const [assessed] = await tx.select({ result: assessments.result }).from(assessments).where(and(eq(assessments.caseId, caseId), eq(assessments.supportYear, supportYear)));
  const [owner] = await tx.select({ enterpriseId: cases.enterpriseId, noticeYear: cases.noticeYear }).from(cases).where(eq(cases.id, caseId));
  // Approved before assessments were kept: the payments stand for the award (earlier-awards.ts).
  if (!assessed || !owner) return;
  const assessment = assessed.result as EvaluationResult;
  const version = getPolicyVersion(assessment.policyVersion);
  const { parts } = allocateApproved(version, assessment, approvedFen);
  const period = supportYearCostPeriod(owner.noticeYear, supportYear);
  const rows = parts.flatMap((part) => {
    const component = assessment.components.find((c) => c.name === part.component);
    if (!component) return [];
    return [
      {
        caseId,
        supportYear,
        component: component.name,
        enterpriseId: owner.enterpriseId,
        program: assessment.program,
        policyVersion: assessment.policyVersion,
        costCategory: component.costCategory,
        periodStart: period.start,
        periodEnd: period.end,
        amountFen: part.amountFen,
      },
    ];
  });
  await tx.delete(awards).where(and(eq(awards.caseId, caseId), eq(awards.supportYear, supportYear)));
  if (rows.length > 0) await tx.insert(awards).values(rows);
}
