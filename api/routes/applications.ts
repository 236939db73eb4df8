// Applicants submit applications; each starts one case workflow keyed by its id.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluationInputSchema, PROGRAM_CODES, policyVersionInForce, QUALIFICATIONS } from '../../rules/index.js';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, Role } from '../../workflows/subsidy-case/messages.js';
import type { CaseInput } from '../../workflows/subsidy-case/messages.js';
import { requireRole } from '../auth.js';
import { districtDate } from '../app-context.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { isDuplicateStart } from '../temporal-errors.js';

const applicationBody = z.object({
  applicationId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, 'use 3 to 64 letters, digits, "-" or "_"'),
  program: z.enum(PROGRAM_CODES),
  registeredInDistrict: z.boolean(),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).default([]),
  facts: evaluationInputSchema.shape.facts,
});

const applicationAccepted = z.object({
  applicationId: z.string(),
  workflowId: z.string(),
  policyVersion: z.string(),
  submittedOn: z.string(),
});

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/applications',
    {
      schema: {
        summary: 'Submit an application (applicant)',
        body: applicationBody,
        response: { 201: applicationAccepted, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, Role.Applicant);
      const body = request.body;
      const submittedOn = districtDate(app.deps.now());
      const input: CaseInput = {
        applicationId: body.applicationId,
        program: body.program,
        enterpriseId: actor.enterpriseId ?? '',
        submittedOn,
        policyVersion: policyVersionInForce(submittedOn).id,
        facts: body.facts,
        qualifications: body.qualifications,
        registeredInDistrict: body.registeredInDistrict,
      };
      const workflowId = caseWorkflowId(body.applicationId);
      try {
        await app.deps.temporal.workflow.start(CASE_WORKFLOW_TYPE, {
          taskQueue: app.deps.taskQueue,
          workflowId,
          args: [input],
          // A closed case's id is never reused: one application, one case, ever.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (error) {
        if (isDuplicateStart(error)) {
          reply.header('location', `/cases/${body.applicationId}`);
          throw new HttpProblem(409, `application ${body.applicationId} was already submitted`);
        }
        throw error;
      }
      reply.header('location', `/cases/${body.applicationId}`);
      return reply.code(201).send({ applicationId: body.applicationId, workflowId, policyVersion: input.policyVersion, submittedOn });
    },
  );
};
