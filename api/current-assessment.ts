// The rules' result for a case's current support year before the case has kept one:
// the computation the case will run (activities/assessment.ts), read-only, on what the
// case was started with (its workflow's input: registration, qualifications, earlier
// years) and the facts of the year (the report, as verified where it was).
import { computeAssessment } from '../activities/assessment.js';
import type { EvaluationResult, Facts, ProgramCode } from '../rules/index.js';
import type { AppContext } from './app-context.js';
import { HttpProblem } from './problem.js';
import { factsOfYear } from './repositories/case-record.js';
import type { CaseRow } from './repositories/cases.js';

export async function assessUnkept(deps: AppContext, row: CaseRow): Promise<EvaluationResult> {
  const input = await deps.cases.startedWith(row.id);
  if (!input) throw new HttpProblem(409, `case ${row.id} has no workflow input to assess (Temporal no longer holds it)`);
  const facts = (await factsOfYear(deps.db, row.id, row.supportYear)) ?? (row.requestedFacts as Facts);
  return computeAssessment(deps.db, {
    caseId: row.id,
    enterpriseId: row.enterpriseId,
    program: row.program as ProgramCode,
    submittedOn: row.submittedOn,
    policyVersion: row.policyVersion,
    supportYear: row.supportYear,
    priorYears: input.continuation?.priorYears ?? [],
    registeredInDistrict: input.registeredInDistrict,
    qualifications: input.qualifications,
    facts,
  });
}
