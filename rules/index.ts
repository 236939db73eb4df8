// Public API of the rules module. Pure: no I/O, no clock, no randomness.

export { PROGRAM_CODES, QUALIFICATIONS, FACT_NAMES, MONEY_FACTS, COMPONENT_NAMES, PRIOR_YEAR_OUTCOMES, MAX_FEN, isProgramCode, articleZh } from './codes.js';
export type { ProgramCode, Qualification, FactName, MoneyFact, ComponentName, PriorYearOutcome } from './codes.js';
export { evaluate } from './evaluate.js';
export { explain } from './explain.js';
export type { Lang } from './explain.js';
export { parseEvaluationInput, evaluationInputSchema, factsSchema, fen, versionInForceFor } from './input.js';
export { factsOfProgram, programInputErrors, recognitionsOf } from './program-inputs.js';
export { missingFactsOf } from './facts.js';
export type { ParseResult, ParsedEvaluationInput } from './input.js';
export { RulesInputError } from './errors.js';
export type { FieldError } from './errors.js';
export { listPolicyVersions, getPolicyVersion, policyVersionInForce, programDefinition, PolicyLookupError } from './policy/registry.js';
export type * from './policy/types.js';
export type * from './types.js';
export { formatYuan, percentOfFloor, mulDivFloor } from './money.js';
export type { Fen } from './money.js';
export { allocateApproved } from './allocation.js';
export type { Allocation, ComponentAmount } from './allocation.js';
export { aggregatePanelScores, expertSpecialty } from './panel.js';
export type { PanelResult } from './panel.js';
export { supportYearCostPeriod, periodsOverlap } from './dates.js';
export type { Period } from './dates.js';
export { standingAssessment, StandingProgramError } from './standing.js';
export { evaluateUnder } from './evaluate.js';
export * from './preview/index.js';
