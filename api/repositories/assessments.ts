// The rules' assessments of a case, one per support year (written by the assessment activity).
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { assessments } from '../../db/schema.js';

export type AssessmentRow = typeof assessments.$inferSelect;

export async function assessmentsOfCase(db: Database, caseId: string): Promise<AssessmentRow[]> {
  return db.select().from(assessments).where(eq(assessments.caseId, caseId)).orderBy(asc(assessments.supportYear));
}

export async function assessmentOfYear(db: Database, caseId: string, supportYear: number): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(assessments).where(and(eq(assessments.caseId, caseId), eq(assessments.supportYear, supportYear)));
  return row;
}
