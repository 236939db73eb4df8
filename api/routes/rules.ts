// Rules preview: the rules CLI's JSON contract over HTTP. The same input file that
// `npm run rules -- evaluate` takes gives the same result; a bad field is a 400
// naming it. Nothing is recorded: this is a calculator, not an application.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluate, evaluationInputSchema, explain, parseEvaluationInput, RulesInputError } from '../../rules/index.js';
import { anyUser } from '../access.js';
import { HttpProblem, problemResponses } from '../problem.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const reason = z.object({ code: z.string(), article: z.string(), message: z.string(), messageZh: z.string() });

export const evaluationResult = z.object({
  program: z.string(),
  article: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  policyVersion: z.string(),
  submittedOn: z.string(),
  supportYear: z.number().int(),
  eligible: z.boolean(),
  amountFen: z.number().int(),
  components: z.array(
    z.object({
      name: z.string(),
      amountFen: z.number().int(),
      capped: z.boolean(),
      claimed: z.boolean(),
      costCategory: z.string(),
      computedFen: z.number().int(),
      capFen: z.number().int().nullable(),
      beforeOverlapFen: z.number().int(),
    }),
  ),
  reasons: z.array(reason),
  notes: z.array(reason),
  alternatives: z.array(
    z.object({ program: z.string(), article: z.string(), amountFen: z.number().int(), moreByFen: z.number().int(), message: z.string(), messageZh: z.string() }),
  ),
  overlaps: z.array(
    z.object({
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
    }),
  ),
  level: z.enum(['national', 'provincial']).nullable(),
  decision: z.object({ decidedAmount: z.boolean(), decided: z.boolean(), maximumFen: z.number().int().nullable(), districtResolution: z.boolean() }),
  trace: z.array(
    z.object({
      step: z.string(),
      article: z.string(),
      policyVersion: z.string(),
      parameters: z.record(z.string(), scalar),
      inputs: z.record(z.string(), z.union([scalar, z.array(scalar)])),
      figures: z.record(z.string(), scalar),
      result: scalar,
      textZh: z.string(),
      textEn: z.string(),
    }),
  ),
  explanation: z.string().optional().describe('the result as readable text, when `lang` is given'),
});

function badInput(errors: { field: string; message: string }[]): HttpProblem {
  const named = errors.map((e) => ({ field: `body.${e.field}`, message: e.message }));
  return new HttpProblem(400, named.map((e) => `${e.field}: ${e.message}`).join('; '), named);
}

export const rulesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/rules/evaluate',
    {
      config: anyUser,
      // Validated by the rules module itself, so the field names match the CLI's.
      attachValidation: true,
      schema: {
        summary: 'Compute an amount from facts (the rules CLI’s contract)',
        tags: ['rules'],
        querystring: z.object({ lang: z.enum(['zh', 'en']).optional().describe('also return the readable explanation in this language') }),
        body: evaluationInputSchema,
        response: { 200: evaluationResult, ...problemResponses },
      },
    },
    async (request) => {
      // Only the body is validated by hand; other parts keep their 400.
      if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
      const parsed = parseEvaluationInput(request.body ?? {});
      if (!parsed.ok) throw badInput(parsed.errors);
      try {
        const result = evaluate(parsed.value);
        const lang = request.query.lang;
        return { ...result, ...(lang && { explanation: explain(result, lang) }) };
      } catch (error) {
        if (error instanceof RulesInputError) throw badInput(error.errors);
        throw error;
      }
    },
  );
};
