// A candidate policy version: a patch in the form of rules/policy/versions/*.ts, given
// as data (JSON or YAML, from the CLI or the API). It is checked as a published patch
// is (the shape of PolicyVersionPatch, the parameters each component kind takes, the
// version it builds on, a date no other version starts on), with every error naming
// its field, then resolved into a full version the rules evaluate under.

import { z } from 'zod';
import { COMPONENT_NAMES, FACT_NAMES, PROGRAM_CODES, QUALIFICATIONS } from '../codes.js';
import type { ComponentName, ProgramCode } from '../codes.js';
import type { FieldError } from '../errors.js';
import { fen, fieldErrorsOf, isoDate } from '../input.js';
import { applyPatch } from '../policy/merge.js';
import { listPolicyVersions } from '../policy/registry.js';
import type { ComponentPatch, ComponentRule, PolicyVersion, PolicyVersionPatch } from '../policy/types.js';

const basisPoints = z.int().min(0).max(10_000, { error: 'must be at most 10000 basis points (100%)' });
const words = (max: number) => z.string().trim().min(1).max(max);
const factList = z.array(z.enum(FACT_NAMES)).max(FACT_NAMES.length);

const componentPatchSchema = z.strictObject({
  ratioBp: basisPoints.optional(),
  capFen: fen.nullable().optional(),
  areaCapM2: z
    .number()
    .positive()
    .max(1e9)
    .refine((a) => Math.abs(a * 100 - Math.round(a * 100)) < 1e-6, { error: 'must have at most two decimals' })
    .optional(),
  levelRatioBp: z.strictObject({ national: basisPoints, provincial: basisPoints }).optional(),
  amountFen: fen.optional(),
  prorate: z.boolean().optional(),
});

const criterionSchema = z.strictObject({ name: words(100), nameZh: words(100), maxPoints: z.int().min(1).max(100) });

const programPatchSchema = z.strictObject({
  article: z.int().min(1).max(99).optional(),
  titleZh: words(300).optional(),
  titleEn: words(300).optional(),
  qualificationsAnyOf: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).optional(),
  levels: z.strictObject({ national: z.enum(QUALIFICATIONS), provincial: z.enum(QUALIFICATIONS) }).optional(),
  capScope: z.enum(['per-year', 'whole-award']).optional(),
  years: z.int().min(1).max(20).optional(),
  yearsSetByResolution: z.boolean().optional(),
  consecutive: z.boolean().optional(),
  continuationFact: z.literal('modelIterated').nullable().optional(),
  oncePerEnterprise: z.boolean().optional(),
  alternatives: z.array(z.enum(PROGRAM_CODES)).max(PROGRAM_CODES.length).optional(),
  evaluation: z.enum(['experts', 'audit', 'experts-and-audit', 'none']).optional(),
  expertSpecialty: words(100).optional(),
  criteria: z
    .array(criterionSchema)
    .max(20)
    .refine((c) => c.length === 0 || c.reduce((s, x) => s + x.maxPoints, 0) === 100, { error: 'the criteria must add up to 100 points' })
    .optional(),
  passMark: z.int().min(0).max(100).nullable().optional(),
  decidedAmount: z.boolean().optional(),
  districtResolution: z.boolean().optional(),
  evidence: z.array(words(100)).max(50).optional(),
  requiredFacts: z.strictObject({ firstYear: factList, laterYears: factList }).optional(),
  reportFacts: z.strictObject({ firstYear: factList, laterYears: factList }).optional(),
  components: z.partialRecord(z.enum(COMPONENT_NAMES), componentPatchSchema).optional(),
});

const readingsPatchSchema = z.strictObject({
  missedYear: z.enum(['end-award', 'skip-year']).optional(),
  bothLevelsTakeNational: z.boolean().optional(),
  undecidedShowsCap: z.boolean().optional(),
  overlapUnknownAmount: z.enum(['flag-only', 'zero']).optional(),
  areaDecimals: z.literal(2).optional(),
  rounding: z.literal('floor').optional(),
  panelDropExtremesFrom: z.int().min(3).max(99).optional(),
  supportYearCostPeriod: z.literal('calendar-year').optional(),
  reducedApproval: z.literal('last-components-first').optional(),
});

/** The shape of a PolicyVersionPatch (rules/policy/types.ts), strict at every level. */
export const policyPatchSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'must be 2–63 lower-case letters, digits and hyphens' })
    .describe('the new version’s id, e.g. 2028-final'),
  effectiveFrom: isoDate.describe('first day the version is in force: cases submitted on or after it are judged under it'),
  basedOn: z.string().min(1).max(63).describe('the published version this patch changes'),
  titleZh: words(300),
  titleEn: words(300),
  note: z.string().max(2000).default(''),
  readings: readingsPatchSchema.optional(),
  programs: z.partialRecord(z.enum(PROGRAM_CODES), programPatchSchema).optional(),
});
export type PolicyPatchInput = z.input<typeof policyPatchSchema>;

/** What each component kind may be patched with (the same table merge.ts enforces). */
const PATCHABLE: Record<ComponentRule['kind'], readonly (keyof ComponentPatch)[]> = {
  ratio: ['ratioBp', 'capFen'],
  'area-rent': ['levelRatioBp', 'areaCapM2', 'capFen'],
  'actual-capped': ['capFen'],
  'fixed-yearly': ['amountFen', 'prorate'],
  decided: ['capFen'],
};

export interface Candidate {
  patch: PolicyVersionPatch;
  /** The full version the patch resolves to. */
  version: PolicyVersion;
  /** The version it is based on. */
  base: PolicyVersion;
}

export type CandidateResult = { ok: true; candidate: Candidate } | { ok: false; errors: FieldError[] };

/** Checks against the published versions: what zod cannot know. */
function registryErrors(patch: PolicyVersionPatch, published: readonly PolicyVersion[]): FieldError[] {
  const errors: FieldError[] = [];
  if (published.some((v) => v.id === patch.id)) errors.push({ field: 'id', message: `"${patch.id}" is a published version: a candidate needs a new id` });
  const sameDay = published.find((v) => v.effectiveFrom === patch.effectiveFrom);
  if (sameDay) errors.push({ field: 'effectiveFrom', message: `${sameDay.id} already takes effect on ${patch.effectiveFrom}: two versions cannot start on the same day` });
  const base = published.find((v) => v.id === patch.basedOn);
  if (!base) {
    errors.push({ field: 'basedOn', message: `unknown policy version "${patch.basedOn}" (published: ${published.map((v) => v.id).join(', ')})` });
    return errors;
  }
  for (const [code, programPatch] of Object.entries(patch.programs ?? {}) as [ProgramCode, NonNullable<PolicyVersionPatch['programs']>[ProgramCode]][]) {
    const def = base.programs[code];
    for (const [name, componentPatch] of Object.entries(programPatch?.components ?? {}) as [ComponentName, ComponentPatch][]) {
      const rule = def.components.find((c) => c.name === name);
      const field = `programs.${code}.components.${name}`;
      if (!rule) {
        errors.push({ field, message: `${code} has no component "${name}" (it has ${def.components.map((c) => c.name).join(', ')})` });
        continue;
      }
      for (const key of Object.keys(componentPatch) as (keyof ComponentPatch)[]) {
        if (!PATCHABLE[rule.kind].includes(key)) {
          errors.push({ field: `${field}.${key}`, message: `this ${rule.kind} component takes ${PATCHABLE[rule.kind].join(', ')}, not ${key}` });
        }
      }
    }
  }
  return errors;
}

/** Validates a candidate patch as data and resolves it against the published versions. */
export function parseCandidate(json: unknown, published: readonly PolicyVersion[] = listPolicyVersions()): CandidateResult {
  const parsed = policyPatchSchema.safeParse(json);
  if (!parsed.success) {
    // A field may fail two checks that say the same thing (a date's format and its calendar).
    const seen = new Set<string>();
    return { ok: false, errors: fieldErrorsOf(parsed.error).filter((e) => !seen.has(`${e.field}\u0000${e.message}`) && seen.add(`${e.field}\u0000${e.message}`)) };
  }
  const patch = parsed.data as PolicyVersionPatch;
  const errors = registryErrors(patch, published);
  if (errors.length > 0) return { ok: false, errors };
  const base = published.find((v) => v.id === patch.basedOn)!;
  return { ok: true, candidate: { patch, version: applyPatch(base, patch), base } };
}
