// The rules' EvaluationResult as the API serves it: from the calculator
// (/rules/evaluate) and with each case (its assessments). Every field is listed, so
// the serializer never drops one silently.
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const reason = z.object({ code: z.string(), article: z.string(), message: z.string(), messageZh: z.string() });
const componentResult = z.object({
  name: z.string(),
  amountFen: z.number().int(),
  capped: z.boolean(),
  claimed: z.boolean(),
  costCategory: z.string(),
  computedFen: z.number().int(),
  capFen: z.number().int().nullable(),
  beforeOverlapFen: z.number().int(),
});
const overlap = z.object({
  article: z.string(),
  component: z.string(),
  costCategory: z.string(),
  priorAwardIndex: z.number().int(),
  program: z.string().nullable(),
  policy: z.string().nullable(),
  existingAmountFen: z.number().int().nullable(),
  thisAmountFen: z.number().int(),
  payableFen: z.number().int(),
  stands: z.enum(['existing', 'this', 'officer-decides']),
  sameProgram: z.boolean().describe('a second claim under the same program for an overlapping period'),
});
export const traceStep = z.object({
  step: z.string(),
  article: z.string(),
  policyVersion: z.string(),
  parameters: z.record(z.string(), scalar),
  inputs: z.record(z.string(), z.union([scalar, z.array(scalar)])),
  figures: z.record(z.string(), scalar),
  result: scalar,
  textZh: z.string(),
  textEn: z.string(),
});

export const evaluationResult = z.object({
  program: z.string(),
  article: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  policyVersion: z.string(),
  submittedOn: z.string(),
  supportYear: z.number().int(),
  eligible: z.boolean(),
  amountFen: z.number().int(),
  components: z.array(componentResult),
  reasons: z.array(reason),
  notes: z.array(reason),
  alternatives: z.array(
    z.object({
      program: z.string(),
      article: z.string(),
      amountFen: z.number().int(),
      moreByFen: z.number().int(),
      message: z.string(),
      messageZh: z.string(),
      components: z.array(componentResult),
      reasons: z.array(reason),
      overlaps: z.array(overlap),
      trace: z.array(traceStep),
    }),
  ).describe('a more favourable program (第十三条), with its whole computation'),
  overlaps: z.array(overlap),
  level: z.enum(['national', 'provincial']).nullable(),
  decision: z.object({ decidedAmount: z.boolean(), decided: z.boolean(), maximumFen: z.number().int().nullable(), districtResolution: z.boolean() }),
  trace: z.array(traceStep),
  explanation: z.string().optional().describe('the result as readable text, when `lang` is given'),
});

export type EvaluationView = z.infer<typeof evaluationResult>;
