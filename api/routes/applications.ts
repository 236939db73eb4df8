// Applicants submit applications; each starts one case workflow keyed by its id.
// The enterprise, its district registration and its blacklist flag are the office's
// records, never the request body's; the window and the open programs are the
// annual notice's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluationInputSchema, PROGRAM_CODES, programDefinition, policyVersionInForce, QUALIFICATIONS } from '../../rules/index.js';
import type { Facts, ProgramCode } from '../../rules/index.js';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, Role } from '../../workflows/subsidy-case/messages.js';
import type { Actor, CaseInput, EvidenceItem } from '../../workflows/subsidy-case/messages.js';
import { only } from '../access.js';
import { districtDate } from '../app-context.js';
import { actorOf } from '../auth.js';
import { idempotencyHeaders, idempotent } from '../idempotency.js';
import type { Answer } from '../idempotency.js';
import { applicationWindow, caseSettingsOf } from '../notice-rules.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { safeLine } from '../safe-text.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findNotice } from '../repositories/notices.js';
import { isDuplicateStart, temporalProblem } from '../temporal-errors.js';

export const factsSchema = evaluationInputSchema.shape.facts.unwrap();
export const evidenceSchema = z
  .array(z.strictObject({ kind: safeLine().min(1).max(100), reference: safeLine().min(1).max(500).describe('file number, URL or archive reference') }))
  .max(100);

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

/** 400 naming each missing evidence kind and each fact the applicant must or must not state. */
function checkContents(policyVersion: string, program: ProgramCode, facts: Facts, evidence: EvidenceItem[]): void {
  const definition = programDefinition(policyVersion, program);
  const given = new Set(evidence.map((e) => e.kind));
  const errors = definition.evidence.filter((kind) => !given.has(kind)).map((kind) => ({ field: 'body.evidence', message: `missing "${kind}"` }));
  for (const fact of definition.reportFacts.firstYear) {
    if (facts[fact] === undefined) errors.push({ field: `body.facts.${fact}`, message: `is required for ${program}` });
  }
  if (facts.decidedAmountFen !== undefined) errors.push({ field: 'body.facts.decidedAmountFen', message: 'is set by the committee, not by the applicant' });
  if (errors.length > 0) throw new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function submit(actor: Actor, body: ApplicationBody): Promise<Answer<Accepted>> {
    const enterprise = await findEnterprise(db, actor.enterpriseId ?? '');
    if (!enterprise) throw new HttpProblem(403, `enterprise ${actor.enterpriseId} is not registered with the office`);
    const submittedOn = districtDate(app.deps.now());
    const noticeYear = Number(submittedOn.slice(0, 4));
    const notice = await findNotice(db, noticeYear);
    const window = applicationWindow(notice, body.program, submittedOn);
    if (!window.open || !notice) throw new HttpProblem(409, window.open ? 'no annual notice' : window.reason);
    const policyVersion = policyVersionInForce(submittedOn).id;
    checkContents(policyVersion, body.program, body.facts, body.evidence);

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
      if (isDuplicateStart(error)) throw new HttpProblem(409, `application ${body.applicationId} was already submitted`);
      throw temporalProblem(error);
    }
    return { status: 201, body: { applicationId: body.applicationId, caseId: body.applicationId, workflowId, policyVersion, noticeYear, submittedOn } };
  }

  app.post(
    '/applications',
    {
      config: only(Role.Applicant),
      schema: {
        summary: 'Submit an application (applicant)',
        description:
          'Starts the case. Refused with 409 outside the annual notice’s application window, for a program the notice does not open, or for an id already used; 400 names each missing evidence kind or fact. Send an Idempotency-Key to retry safely.',
        tags: ['applications'],
        headers: idempotencyHeaders,
        body: applicationBody,
        response: { 201: applicationAccepted, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return idempotent(app.deps, request, reply, actor.userId, () => submit(actor, request.body), (body) => ({ location: `/cases/${body.caseId}` }));
    },
  );
};
