// The rules' assessments of a case, one per support year (written by the assessment activity).
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { assessments, cases } from '../../db/schema.js';

export type AssessmentRow = typeof assessments.$inferSelect;

export async function assessmentsOfCase(db: Database, caseId: string): Promise<AssessmentRow[]> {
  return db.select().from(assessments).where(eq(assessments.caseId, caseId)).orderBy(asc(assessments.supportYear));
}

export async function assessmentOfYear(db: Database, caseId: string, supportYear: number): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(assessments).where(and(eq(assessments.caseId, caseId), eq(assessments.supportYear, supportYear)));
  return row;
}

/** Assessments of the cases under a year's notice, for the export. */
export async function assessmentsOfNoticeYear(db: Database, year: number): Promise<(AssessmentRow & { enterpriseId: string })[]> {
  const rows = await db
    .select({ assessment: assessments, enterpriseId: cases.enterpriseId })
    .from(assessments)
    .innerJoin(cases, eq(cases.id, assessments.caseId))
    .where(eq(cases.noticeYear, year))
    .orderBy(asc(assessments.caseId), asc(assessments.supportYear));
  return rows.map((r) => ({ ...r.assessment, enterpriseId: r.enterpriseId }));
}
