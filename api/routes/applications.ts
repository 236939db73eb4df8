// Applicants submit applications; each starts one case workflow keyed by its id.
// The enterprise, its district registration and its blacklist flag are the office's
// records, never the request body's; the window and the open programs are the
// annual notice's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROGRAM_CODES, policyVersionInForce, QUALIFICATIONS } from '../../rules/index.js';
import { Role } from '../../domain/vocabulary.js';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/subsidy-case/messages.js';
import type { Actor, CaseInput } from '../../domain/vocabulary.js';
import { contentErrors, refuseIfAny } from '../application-checks.js';
import { only } from '../access.js';
import { districtDate } from '../app-context.js';
import { actorOf } from '../auth.js';
import { idempotencyHeaders, idempotent } from '../idempotency.js';
import type { Answer } from '../idempotency.js';
import { applicationWindow, caseSettingsOf } from '../notice-rules.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findNotice } from '../repositories/notices.js';
import { evidenceSchema, factsSchema } from '../schemas.js';
import { isDuplicateStart, temporalProblem } from '../temporal-errors.js';


const applicationBody = z.strictObject({
  applicationId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, { error: 'use 3 to 64 letters, digits, "-" or "_"' }),
  program: z.enum(PROGRAM_CODES),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).default([]),
  facts: factsSchema
    .meta({ not: { required: ['decidedAmountFen'] } })
    .describe('the claimed figures (fen, m², months); decidedAmountFen is the committee’s, not the applicant’s'),
  evidence: evidenceSchema.describe('one item per evidence kind the program’s checklist names'),
});
type ApplicationBody = z.infer<typeof applicationBody>;

const applicationAccepted = z.object({
  applicationId: z.string(),
  caseId: z.string(),
  workflowId: z.string(),
  policyVersion: z.string(),
  noticeYear: z.number().int(),
  submittedOn: z.string(),
});
type Accepted = z.infer<typeof applicationAccepted>;

function accepted(input: CaseInput): Answer<Accepted> {
  const { applicationId, policyVersion, noticeYear, submittedOn } = input;
  return { status: 201, body: { applicationId, caseId: applicationId, workflowId: caseWorkflowId(applicationId), policyVersion, noticeYear, submittedOn } };
}

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function submit(actor: Actor, body: ApplicationBody, keyed: boolean): Promise<Answer<Accepted>> {
    const enterprise = await findEnterprise(db, actor.enterpriseId ?? '');
    if (!enterprise) throw new HttpProblem(403, `enterprise ${actor.enterpriseId} is not registered with the office`);
    const submittedOn = districtDate(app.deps.now());
    const noticeYear = Number(submittedOn.slice(0, 4));
    const notice = await findNotice(db, noticeYear);
    const window = applicationWindow(notice, body.program, submittedOn);
    if (!window.open || !notice) throw new HttpProblem(409, window.open ? 'no annual notice' : window.reason);
    const policyVersion = policyVersionInForce(submittedOn).id;
    refuseIfAny(contentErrors(policyVersion, body.program, 1, body));

    const input: CaseInput = {
      applicationId: body.applicationId,
      program: body.program,
      enterpriseId: enterprise.id,
      noticeYear,
      submittedOn,
      policyVersion,
      registeredInDistrict: enterprise.registeredInDistrict,
      qualifications: body.qualifications,
      facts: body.facts,
      evidence: body.evidence,
      settings: caseSettingsOf(notice),
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
      if (isDuplicateStart(error)) return answerDuplicate(enterprise.id, body, keyed);
      throw temporalProblem(error);
    }
    return accepted(input);
  }

  /**
   * The same application id again: a retry under its Idempotency-Key whose first answer
   * was lost (Temporal or the database dropped away after the start) gets that answer,
   * taken from the case; anything else is a 409.
   */
  async function answerDuplicate(enterpriseId: string, body: ApplicationBody, keyed: boolean): Promise<Answer<Accepted>> {
    const refusal = new HttpProblem(409, `application ${body.applicationId} was already submitted`);
    if (!keyed) throw refusal;
    const earlier = await app.deps.cases.startedWith(body.applicationId);
    if (!earlier || earlier.enterpriseId !== enterpriseId || earlier.program !== body.program) throw refusal;
    return accepted(earlier);
  }

  app.post(
    '/applications',
    {
      config: only(Role.Applicant),
      schema: {
        summary: 'Submit an application (applicant)',
        description:
          'Starts the case. Refused with 409 outside the annual notice’s application window, for a program the notice does not open, or for an id already used; 400 names each missing evidence kind or fact, each fact that is not the program’s, each recognition the policy version in force does not know, each amount above 10^13 fen. Send an Idempotency-Key to retry safely.',
        tags: ['applications'],
        headers: idempotencyHeaders,
        body: applicationBody,
        response: { 201: applicationAccepted, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const keyed = (request.headers as Record<string, string | undefined>)['idempotency-key'] !== undefined;
      return idempotent(app.deps, request, reply, actor.userId, () => submit(actor, request.body, keyed), (body) => ({ location: `/cases/${body.caseId}` }));
    },
  );
};
