// Decisions that carry an application's contents are checked like the application:
// a correction (补正) is merged into what was filed and the result must pass the
// program's checklist and facts; a yearly report and a verification may only state
// the program's facts, and the report all the facts of its year.
import { getPolicyVersion, programInputErrors } from '../rules/index.js';
import type { EvaluationResult, Facts, FieldError, ProgramCode } from '../rules/index.js';
import { TaskKind } from '../domain/vocabulary.js';
import type { EvidenceItem } from '../domain/vocabulary.js';
import { contentErrors, mergeCorrection } from './application-checks.js';
import type { CaseRow } from './repositories/cases.js';

export interface CheckedDecision {
  errors: FieldError[];
  /** What goes to the case: for a correction, the merged facts and evidence it changes. */
  body: object;
}

/** The committee records which program stands where the assessment found a more favourable one. */
function standingProgramErrors(row: CaseRow, decision: { decision: string; standingProgram?: ProgramCode }, assessment: EvaluationResult | undefined): FieldError[] {
  const choices = [row.program, ...(assessment?.alternatives ?? []).map((a) => a.program)];
  if (decision.standingProgram !== undefined && !choices.includes(decision.standingProgram)) {
    return [{ field: 'body.standingProgram', message: `must be one of ${choices.join(', ')} (the case’s program or a more favourable one the assessment lists)` }];
  }
  if (decision.decision === 'approve' && choices.length > 1 && decision.standingProgram === undefined) {
    return [{ field: 'body.standingProgram', message: `is required: the assessment finds ${choices.slice(1).join(', ')} more favourable than ${row.program} (第十三条); say which one stands` }];
  }
  return [];
}

export function checkDecisionContents(kind: TaskKind, row: CaseRow, body: object, assessment?: EvaluationResult): CheckedDecision {
  const program = row.program as ProgramCode;
  if (kind === TaskKind.CommitteeDecision) {
    return { errors: standingProgramErrors(row, body as { decision: string; standingProgram?: ProgramCode }, assessment), body };
  }
  if (kind === TaskKind.Correction) {
    const correction = body as { facts?: Facts; evidence?: EvidenceItem[]; note?: string };
    const filed = { facts: row.requestedFacts as Facts, evidence: Array.isArray(row.evidence) ? (row.evidence as EvidenceItem[]) : [] };
    const merged = mergeCorrection(filed, correction);
    const errors = contentErrors(row.policyVersion, program, 1, merged);
    return {
      errors,
      body: {
        ...(correction.facts !== undefined && { facts: merged.facts }),
        ...(correction.evidence !== undefined && { evidence: merged.evidence }),
        ...(correction.note !== undefined && { note: correction.note }),
      },
    };
  }
  if (kind === TaskKind.YearlyReport) {
    const report = body as { facts: Facts };
    return { errors: contentErrors(row.policyVersion, program, Math.max(2, row.supportYear), { facts: report.facts }, 'beneficiary'), body };
  }
  if (kind === TaskKind.YearlyVerification) {
    const verification = body as { verifiedFacts?: Facts };
    const errors = programInputErrors(getPolicyVersion(row.policyVersion), program, { facts: verification.verifiedFacts }, { facts: 'body.verifiedFacts', qualifications: 'body.qualifications' });
    return { errors, body };
  }
  return { errors: [], body };
}
