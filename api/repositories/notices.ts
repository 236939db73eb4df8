// Annual notices (an API-owned table: the admin publishes one per year).
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { annualNotices } from '../../db/schema.js';
import { z } from 'zod';
import { caseSettingsPatch } from '../notice-rules.js';
import type { Notice, NoticePrograms } from '../notice-rules.js';

type NoticeRow = typeof annualNotices.$inferSelect;

function toNotice(row: NoticeRow): Notice {
  return {
    year: row.year,
    applicationOpensOn: row.applicationOpensOn,
    applicationClosesOn: row.applicationClosesOn,
    reportingOpensOn: row.reportingOpensOn,
    reportingClosesOn: row.reportingClosesOn,
    programs: row.programs as NoticePrograms,
    // Checked on the way in; parsed again so a hand-edited row cannot smuggle a bad
    // value into a workflow's input. A key this version does not know is ignored.
    settings: z.object(caseSettingsPatch.shape).catch({}).parse(row.settings),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function findNotice(db: Database, year: number): Promise<Notice | undefined> {
  const [row] = await db.select().from(annualNotices).where(eq(annualNotices.year, year)).limit(1);
  return row && toNotice(row);
}

export async function listNotices(db: Database): Promise<Notice[]> {
  return (await db.select().from(annualNotices).orderBy(asc(annualNotices.year))).map(toNotice);
}

/** Inserts the notice; false when the year already has one. */
export async function insertNotice(db: Database, notice: Omit<Notice, 'createdAt'>): Promise<boolean> {
  const inserted = await db
    .insert(annualNotices)
    .values(notice)
    .onConflictDoNothing({ target: annualNotices.year })
    .returning({ year: annualNotices.year });
  return inserted.length === 1;
}
