// Rules preview: the rules CLI's JSON contract over HTTP. The same input file that
// `npm run rules -- evaluate` takes gives the same result; a bad field is a 400
// naming it. Nothing is recorded: this is a calculator, not an application.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluate, evaluationInputSchema, explain, parseEvaluationInput, RulesInputError } from '../../rules/index.js';
import { anyUser } from '../access.js';
import { evaluationResult } from '../evaluation-schema.js';
import { HttpProblem, problemResponses } from '../problem.js';

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
