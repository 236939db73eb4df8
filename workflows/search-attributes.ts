// Search attributes the operations view filters on. The dev server registers them at
// start (scripts/lib/temporal-servers.ts); workflows upsert them as a case moves.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ProgramAttribute = defineSearchAttributeKey('SubsidyProgram', SearchAttributeType.KEYWORD);
export const StageAttribute = defineSearchAttributeKey('SubsidyStage', SearchAttributeType.KEYWORD);
export const ApplicantAttribute = defineSearchAttributeKey('SubsidyApplicant', SearchAttributeType.KEYWORD);
export const PolicyVersionAttribute = defineSearchAttributeKey('SubsidyPolicyVersion', SearchAttributeType.KEYWORD);

export const caseSearchAttributes = [ProgramAttribute, StageAttribute, ApplicantAttribute, PolicyVersionAttribute];
