// The yearly re-verification of multi-year awards in the read model, and the
// reporting windows the annual notices set.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { annualNotices, yearlyReports } from '../db/schema.js';
import type { Facts } from '../rules/index.js';

export interface ReportingWindow {
  opensOn: string;
  closesOn: string;
}

export interface YearlyReportRecord {
  caseId: string;
  supportYear: number;
  status: 'requested' | 'submitted' | 'verified' | 'failed' | 'missed';
  dueOn: string;
  facts?: Facts;
  verifiedFacts?: Facts;
  reason?: string;
  verifiedBy?: string;
}

export function createYearlyReportActivities(db: Database) {
  return {
    /** The reporting window of a year's annual notice, or null while none is published. */
    async reportingWindow(year: number): Promise<ReportingWindow | null> {
      const [notice] = await db
        .select({ opensOn: annualNotices.reportingOpensOn, closesOn: annualNotices.reportingClosesOn })
        .from(annualNotices)
        .where(eq(annualNotices.year, year));
      return notice ?? null;
    },

    async recordYearlyReport(record: YearlyReportRecord): Promise<void> {
      const values = {
        status: record.status,
        dueOn: record.dueOn,
        updatedAt: sql`now()`,
        ...(record.facts !== undefined && { facts: record.facts, submittedAt: sql`now()` }),
        ...(record.verifiedFacts !== undefined && { verifiedFacts: record.verifiedFacts }),
        ...(record.reason !== undefined && { reason: record.reason }),
        ...(record.verifiedBy !== undefined && { verifiedBy: record.verifiedBy }),
      };
      await db
        .insert(yearlyReports)
        .values({ caseId: record.caseId, supportYear: record.supportYear, ...values })
        .onConflictDoUpdate({ target: [yearlyReports.caseId, yearlyReports.supportYear], set: values });
    },
  };
}
