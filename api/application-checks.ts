// What an application, a correction (补正) and a yearly report must contain, checked
// against the program's definition under the case's policy version: every evidence
// kind of the checklist, the facts of the year, no fact foreign to the program, no
// recognition the version does not know. Each problem names its field.
import { missingFactsOf, programDefinition, programInputErrors, getPolicyVersion } from '../rules/index.js';
import type { Facts, FieldError, ProgramCode, Qualification } from '../rules/index.js';
import type { EvidenceItem } from '../domain/vocabulary.js';
import { HttpProblem } from './problem.js';

export interface ApplicationContents {
  facts: Facts;
  evidence?: EvidenceItem[];
  qualifications?: Qualification[];
}

/** Problems of the contents for a support year (1: the application; later: the yearly report). */
export function contentErrors(policyVersion: string, program: ProgramCode, supportYear: number, contents: ApplicationContents, byWhom: 'applicant' | 'beneficiary' = 'applicant'): FieldError[] {
  const definition = programDefinition(policyVersion, program);
  // decidedAmountFen is refused below for what it is: the committee's, whatever the program.
  const errors: FieldError[] = programInputErrors(getPolicyVersion(policyVersion), program, contents, { facts: 'body.facts', qualifications: 'body.qualifications' }).filter((e) => e.field !== 'body.facts.decidedAmountFen');
  if (contents.evidence !== undefined) {
    const given = new Set(contents.evidence.map((e) => e.kind));
    for (const kind of definition.evidence) if (!given.has(kind)) errors.push({ field: 'body.evidence', message: `missing "${kind}"` });
  }
  const stated = supportYear > 1 ? definition.reportFacts.laterYears : definition.reportFacts.firstYear;
  for (const fact of stated) {
    // A decided amount (A5-DATA-ZONE, A5-DATA-OPEN, A9) is the committee's to set, never the applicant's to state.
    if (fact !== 'decidedAmountFen' && contents.facts[fact] === undefined) errors.push({ field: `body.facts.${fact}`, message: `is required for ${program}` });
  }
  for (const e of missingFactsOf(definition, supportYear, contents.facts)) {
    const field = `body.${e.field}`;
    if (!errors.some((x) => x.field === field)) errors.push({ field, message: e.message });
  }
  if (contents.facts.decidedAmountFen !== undefined) errors.push({ field: 'body.facts.decidedAmountFen', message: `is set by the committee, not by the ${byWhom}` });
  return errors;
}

export function refuseIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/**
 * A correction changes only what it names: a fact it states replaces that fact, an
 * evidence item replaces the items of its kind; everything else stays as filed.
 */
export function mergeCorrection(current: { facts: Facts; evidence: EvidenceItem[] }, correction: { facts?: Facts | undefined; evidence?: EvidenceItem[] | undefined }): { facts: Facts; evidence: EvidenceItem[] } {
  const facts = { ...current.facts, ...correction.facts };
  const correctedKinds = new Set((correction.evidence ?? []).map((e) => e.kind));
  const evidence = [...current.evidence.filter((e) => !correctedKinds.has(e.kind)), ...(correction.evidence ?? [])];
  return { facts, evidence };
}
