// The year-over-year difference as the API serves it (rules/year-over-year.ts): every
// field listed, so the serializer never drops one silently.
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const value = z.union([scalar, z.array(scalar)]);
const valueChange = z.object({
  name: z.string(),
  unit: z.enum(['fen', 'm2', 'months', 'bp', 'flag', 'text']),
  from: value,
  to: value,
});

const line = z.object({
  step: z.string().describe('the trace step, e.g. rent.amount, operating.whole-award-cap, rent.no-duplication, or eligibility'),
  article: z.string(),
  component: z.string().nullable(),
  fromFen: z.number().int().describe('what this line added to the amount in the previous year (a cap or 从优不重复 line subtracts)'),
  toFen: z.number().int(),
  deltaFen: z.number().int(),
  inputChanges: z.array(valueChange),
  parameterChanges: z.array(valueChange),
  textZh: z.string(),
  textEn: z.string(),
});

export const yearOverYearDiff = z.object({
  program: z.string(),
  policyVersion: z.string(),
  fromSupportYear: z.number().int(),
  toSupportYear: z.number().int(),
  fromEligible: z.boolean(),
  toEligible: z.boolean(),
  fromFen: z.number().int(),
  toFen: z.number().int(),
  changeFen: z.number().int(),
  changeBp: z.number().int().nullable().describe('the change in basis points of the previous amount, toward zero; null when that was 0'),
  lines: z.array(line).describe('every rule line that moved or read a changed input; deltaFen sums exactly to changeFen'),
  inputChanges: z.array(valueChange),
  textZh: z.string(),
  textEn: z.string(),
});

export const yearOverYearView = z.object({
  caseId: z.string(),
  supportYear: z.number().int(),
  previousSupportYear: z.number().int().nullable(),
  thresholdBp: z.number().int().describe('the case’s secondOfficerChangeBp (its notice’s, or the default 2000 = 20%)'),
  currentKept: z.boolean().describe('this year’s side is the assessment the case kept (false: computed from the year’s report as it stands)'),
  secondOfficerRequired: z.boolean().describe('the change exceeds thresholdBp of the previous amount, either way: the yearly verification needs a countersign by another officer'),
  yearOverYear: yearOverYearDiff.nullable(),
  why: z.string().optional().describe('why there is no comparison'),
});
