// Moving a case to a stage: the state, the search attribute operations filter on,
// and (where no task does it) the read model.
import { upsertSearchAttributes } from '@temporalio/workflow';
import { ApplicantAttribute, PolicyVersionAttribute, ProgramAttribute, StageAttribute } from '../search-attributes.js';
import type { CaseState } from './case-state.js';
import type { CaseStatus, Stage } from './messages.js';

export function publishCaseAttributes(state: CaseState): void {
  upsertSearchAttributes([
    { key: ProgramAttribute, value: state.input.program },
    { key: ApplicantAttribute, value: state.input.enterpriseId },
    { key: PolicyVersionAttribute, value: state.input.policyVersion },
    { key: StageAttribute, value: state.stage },
  ]);
}

export function enterStage(state: CaseState, stage: Stage): void {
  state.stage = stage;
  upsertSearchAttributes([{ key: StageAttribute, value: stage }]);
}

/** What a stage tells the workflow: go on, close the case this way, or go on to the next support year. */
export type StageOutcome =
  | { kind: 'continue' }
  | { kind: 'close'; status: CaseStatus; reason: string }
  | { kind: 'next-year'; outcome: 'verified' | 'missed' | 'failed' };

export const proceed: StageOutcome = { kind: 'continue' };
export const closeAs = (status: CaseStatus, reason: string): StageOutcome => ({ kind: 'close', status, reason });
