// What is left of a program's budget for the year a case's approval would draw on:
// the notice's budget less what approvals have reserved (the committee's own check).
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { approvedByProgramYear } from './money.js';
import { findNotice } from './notices.js';

export async function budgetLeft(db: Database, program: string, caseId: string): Promise<{ year: number; budgetFen: number; approvedFen: number; leftFen: number } | null> {
  const [row] = await db.select({ noticeYear: cases.noticeYear, supportYear: cases.supportYear }).from(cases).where(eq(cases.id, caseId)).limit(1);
  if (!row) return null;
  const year = row.noticeYear + row.supportYear - 1;
  const notice = await findNotice(db, year);
  const budgetFen = (notice?.programs as Record<string, { budgetFen?: number }> | undefined)?.[program]?.budgetFen;
  if (budgetFen === undefined) return null;
  const approvedFen = (await approvedByProgramYear(db, year)).find((a) => a.program === program)?.fen ?? 0;
  return { year, budgetFen, approvedFen, leftFen: budgetFen - approvedFen };
}
