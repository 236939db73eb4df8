// The program catalogue (办事指南), public: the guide of each program under the policy
// version in force, read by enterprises before they have an account, as the measures
// themselves are. It holds no case, enterprise or person.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROGRAM_CODES, policyVersionInForce, PolicyLookupError } from '../../rules/index.js';
import type { PolicyVersion } from '../../rules/index.js';
import { publicRoute } from '../access.js';
import { districtDate } from '../app-context.js';
import { catalogueOf, guideOf, programCatalogue, programGuide } from '../program-catalogue.js';
import { HttpProblem, problemResponses } from '../problem.js';

const onQuery = z.object({
  on: z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' }).optional().describe('the version in force on this date (default: today in Beijing)'),
});

export const programRoutes: FastifyPluginAsyncZod = async (app) => {
  const asOf = (on: string | undefined) => on ?? districtDate(app.deps.now());
  function versionOn(on: string | undefined): PolicyVersion {
    try {
      return policyVersionInForce(asOf(on));
    } catch (error) {
      if (error instanceof PolicyLookupError) throw new HttpProblem(400, error.message, [{ field: 'querystring.on', message: error.message }]);
      throw error;
    }
  }

  app.get(
    '/programs',
    {
      config: publicRoute,
      schema: {
        summary: 'The program catalogue: every program of the policy version in force (public)',
        description: 'Per program: its article, qualifications, evidence checklist, the facts an application and each yearly report state (with units), components with their ratios and caps, support years, and whether experts are drawn, of which specialty, on which criteria and pass mark. Names in zh and en.',
        tags: ['programs'],
        security: [],
        querystring: onQuery,
        response: { 200: programCatalogue, ...problemResponses },
      },
    },
    async (request) => catalogueOf(versionOn(request.query.on), asOf(request.query.on)),
  );

  app.get(
    '/programs/:program',
    {
      config: publicRoute,
      schema: {
        summary: 'The guide of one program under the policy version in force (public)',
        tags: ['programs'],
        security: [],
        params: z.object({ program: z.enum(PROGRAM_CODES) }),
        querystring: onQuery,
        response: { 200: programGuide, ...problemResponses },
      },
    },
    async (request) => {
      const version = versionOn(request.query.on);
      return guideOf(version, version.programs[request.params.program]);
    },
  );
};
