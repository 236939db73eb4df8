// Validation of an evaluation input, naming the field of every error.

import { z } from 'zod';
import { FACT_NAMES, MAX_FEN, PRIOR_YEAR_OUTCOMES, PROGRAM_CODES, QUALIFICATIONS, COMPONENT_NAMES, isProgramCode } from './codes.js';
import { isIsoDate } from './dates.js';
import type { FieldError } from './errors.js';
import { PolicyLookupError, getPolicyVersion, policyVersionInForce } from './policy/registry.js';
import type { PolicyVersion } from './policy/types.js';
import { programInputErrors } from './program-inputs.js';
import type { EvaluationInput } from './types.js';

export const fen = z
  .int({ error: 'must be an integer number of fen' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_FEN, { error: `must be at most ${MAX_FEN} fen (100 billion yuan)` });
// z.iso.date documents the format in the OpenAPI document; isIsoDate is the rule.
export const isoDate = z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' }).refine(isIsoDate, { error: 'must be a calendar date YYYY-MM-DD' });

/** Area in m², at most two decimals (kept exact by scaling to 0.01 m²). */
const area = z
  .number()
  .min(0, { error: 'must not be negative' })
  .max(1e9, { error: 'is too large' })
  .refine((a) => Math.abs(a * 100 - Math.round(a * 100)) < 1e-6, { error: 'must have at most two decimals' })
  .describe('m², at most two decimals');

export const factsSchema = z.strictObject({
  municipalSupportFen: fen.optional(),
  projectInvestmentFen: fen.optional(),
  computeSpendFen: fen.optional(),
  modelIterated: z.boolean().optional(),
  registrationFeesFen: fen.optional(),
  contractAmountFen: fen.optional(),
  serviceContractFen: fen.optional(),
  evaluationContractFen: fen.optional(),
  rentPaidFen: fen.optional(),
  areaUsedM2: area.optional(),
  operatingCostsFen: fen.optional(),
  monthsOperated: z.int().min(0).max(12, { error: 'must be a whole number of months 0..12' }).optional(),
  decidedAmountFen: fen.optional(),
});

const priorAward = z
  .strictObject({
    program: z.string().min(1).max(200).optional(),
    policy: z.string().min(1).max(200).optional(),
    costCategory: z.string().min(1).max(100).optional(),
    year: z.int().min(1900).max(2999).optional(),
    supportYear: z.int().min(1).max(50).optional(),
    periodStart: isoDate.optional(),
    periodEnd: isoDate.optional(),
    amountFen: fen.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.policy === undefined && a.program !== undefined && !isProgramCode(a.program)) {
      ctx.addIssue({ code: 'custom', path: ['program'], message: `is not a program code of these measures (give "policy" for another policy's award)` });
    }
    if ((a.periodStart === undefined) !== (a.periodEnd === undefined)) {
      ctx.addIssue({ code: 'custom', path: [a.periodStart === undefined ? 'periodStart' : 'periodEnd'], message: 'periodStart and periodEnd go together' });
    } else if (a.periodStart !== undefined && a.periodEnd !== undefined && a.periodStart > a.periodEnd) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before periodStart' });
    }
    if (a.program === undefined && a.costCategory === undefined) {
      ctx.addIssue({ code: 'custom', path: ['costCategory'], message: 'a prior award needs a program or a costCategory' });
    }
    // 第十三条 compares periods: an award without one cannot be set against a claim.
    if (a.periodStart === undefined && a.year === undefined) {
      ctx.addIssue({ code: 'custom', path: ['periodStart'], message: 'a prior award needs its cost period (periodStart and periodEnd, or year)' });
    }
  })
  // The same rules in JSON Schema, for the API's OpenAPI document (merged into it).
  .meta({
    allOf: [
      { anyOf: [{ required: ['policy'] }, { properties: { program: { enum: [...PROGRAM_CODES] } } }] },
      { anyOf: [{ required: ['periodStart', 'periodEnd'] }, { not: { anyOf: [{ required: ['periodStart'] }, { required: ['periodEnd'] }] } }] },
      { anyOf: [{ required: ['program'] }, { required: ['costCategory'] }] },
      { anyOf: [{ required: ['periodStart'] }, { required: ['year'] }] },
    ],
    description: 'periodEnd must not be before periodStart',
  });

const priorYear = z.strictObject({
  supportYear: z.int().min(1).max(50),
  outcome: z.enum(PRIOR_YEAR_OUTCOMES),
  paidFen: z
    .partialRecord(z.enum(COMPONENT_NAMES), fen)
    // Keys are component names: stated so in the OpenAPI document (merged into it).
    .meta({ properties: Object.fromEntries(COMPONENT_NAMES.map((name) => [name, { type: 'integer', minimum: 0, maximum: MAX_FEN }])), additionalProperties: false })
    .optional(),
});

const period = z
  .strictObject({ start: isoDate, end: isoDate })
  .refine((p) => p.start <= p.end, { error: 'end must not be before start', path: ['end'] })
  .describe('end must not be before start');

export const evaluationInputSchema = z.strictObject({
  program: z.enum(PROGRAM_CODES, { error: `must be one of ${PROGRAM_CODES.join(', ')}` }),
  submittedOn: isoDate,
  supportYear: z.int().min(1, { error: 'must be 1 or more' }).max(50, { error: 'must be at most 50' }).default(1),
  policyVersion: z
    .string()
    .min(1)
    .nullish()
    .transform((v) => v ?? undefined),
  applicant: z.strictObject({
    registeredInDistrict: z.boolean({ error: 'must be true or false' }),
    blacklisted: z.boolean().default(false),
    qualifications: z.array(z.enum(QUALIFICATIONS, { error: `must be one of ${QUALIFICATIONS.join(', ')}` })).default([]),
    // Bounded so that no sum of amounts can leave the safe integer range.
    priorAwards: z.array(priorAward).max(200, { error: 'at most 200 prior awards' }).default([]),
  }),
  facts: factsSchema.default({}),
  priorYears: z.array(priorYear).max(20, { error: 'at most 20 earlier support years' }).default([]),
  period: period.optional(),
});

export type ParsedEvaluationInput = z.output<typeof evaluationInputSchema>;
// The parsed form must be usable wherever the API takes an EvaluationInput.
const _assignable = (x: ParsedEvaluationInput): EvaluationInput => x;
void _assignable;

export { FACT_NAMES };

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(input)';
}

/** zod's issues as the rules' field errors: an unknown key is named itself. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ field: fieldOf([...issue.path, key]), message: 'is not a known field' });
    } else {
      errors.push({ field: fieldOf(issue.path), message: issue.message });
    }
  }
  return errors;
}

export type ParseResult = { ok: true; value: ParsedEvaluationInput } | { ok: false; errors: FieldError[] };

export function parseEvaluationInput(json: unknown): ParseResult {
  const parsed = evaluationInputSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const value = parsed.data;
  let version: PolicyVersion;
  try {
    version = versionInForceFor(value.submittedOn, value.policyVersion);
  } catch (e) {
    if (e instanceof PolicyLookupError) return { ok: false, errors: [{ field: e.field, message: e.message }] };
    throw e;
  }
  const errors = programInputErrors(version, value.program, { facts: value.facts, qualifications: value.applicant.qualifications }, { facts: 'facts', qualifications: 'applicant.qualifications' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/**
 * 第十四条: an application is judged under the version in force on its submission day.
 * A named version must be that one (PolicyLookupError on policyVersion otherwise).
 */
export function versionInForceFor(submittedOn: string, named: string | undefined): PolicyVersion {
  const inForce = policyVersionInForce(submittedOn);
  if (named === undefined) return inForce;
  const version = getPolicyVersion(named);
  if (version.id !== inForce.id) {
    throw new PolicyLookupError(`${version.id} is not the policy version in force on ${submittedOn} (${inForce.id} is, from ${inForce.effectiveFrom})`, 'policyVersion');
  }
  return version;
}
