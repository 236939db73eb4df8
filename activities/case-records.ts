// Projects a case's life into the read model. Every write is keyed so that an
// activity retry leaves the database as one attempt would.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { cases } from '../db/schema.js';
import type { CaseInput, CaseStatus, EvidenceItem, Stage } from '../domain/vocabulary.js';
import type { Facts } from '../rules/index.js';
import { changeWithAudit, writeAudit } from './audit.js';
import { correctionChanges } from './correction-diff.js';

export interface StageChange {
  caseId: string;
  stage: Stage;
  supportYear?: number;
}

export interface CorrectedApplication {
  eventKey: string;
  caseId: string;
  actor: string;
  facts: Facts;
  evidence: EvidenceItem[];
  note?: string;
}

export interface CaseClosing {
  caseId: string;
  status: CaseStatus;
  reason?: string;
}

export function createCaseRecordActivities(db: Database) {
  return {
    async recordApplication(input: CaseInput, workflowId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .insert(cases)
          .values({
            id: input.applicationId,
            workflowId,
            program: input.program,
            enterpriseId: input.enterpriseId,
            policyVersion: input.policyVersion,
            noticeYear: input.noticeYear,
            submittedOn: input.submittedOn,
            stage: 'application',
            status: 'in-progress',
            requestedFacts: input.facts,
            qualifications: input.qualifications,
            evidence: input.evidence,
          })
          .onConflictDoNothing({ target: cases.id });
        await writeAudit(tx, {
          eventKey: `${input.applicationId}:application-submitted`,
          caseId: input.applicationId,
          actor: input.enterpriseId,
          action: 'application-submitted',
          detail: { program: input.program, policyVersion: input.policyVersion, facts: input.facts, evidence: input.evidence },
        });
      });
    },

    async recordStage(change: StageChange): Promise<void> {
      await db
        .update(cases)
        .set({
          stage: change.stage,
          updatedAt: sql`now()`,
          ...(change.supportYear !== undefined && { supportYear: change.supportYear }),
        })
        .where(eq(cases.id, change.caseId));
    },

    /** The corrected application and, in the same transaction, the audit of what changed from what to what. */
    async recordCorrection(correction: CorrectedApplication): Promise<void> {
      await db.transaction(async (tx) => {
        const [before] = await tx.select({ facts: cases.requestedFacts, evidence: cases.evidence }).from(cases).where(eq(cases.id, correction.caseId)).for('update');
        const changes = correctionChanges(
          { facts: (before?.facts ?? {}) as Facts, evidence: Array.isArray(before?.evidence) ? (before.evidence as EvidenceItem[]) : [] },
          { facts: correction.facts, evidence: correction.evidence },
        );
        await tx.update(cases).set({ requestedFacts: correction.facts, evidence: correction.evidence, updatedAt: sql`now()` }).where(eq(cases.id, correction.caseId));
        await writeAudit(tx, {
          eventKey: correction.eventKey,
          caseId: correction.caseId,
          actor: correction.actor,
          action: 'application-corrected',
          detail: { changes, facts: correction.facts, evidence: correction.evidence },
          reason: correction.note,
        });
      });
    },

    async closeCase(closing: CaseClosing): Promise<void> {
      const caseRow = db.$with('closed_case').as(
        db.update(cases).set({ stage: 'closed', status: closing.status, closedReason: closing.reason ?? null, updatedAt: sql`now()` }).where(eq(cases.id, closing.caseId)).returning({ id: cases.id }),
      );
      await changeWithAudit(db, [caseRow], {
        eventKey: `${closing.caseId}:closed`,
        caseId: closing.caseId,
        actor: 'system',
        action: 'case-closed',
        detail: { status: closing.status },
        reason: closing.reason,
      });
    },
  };
}
