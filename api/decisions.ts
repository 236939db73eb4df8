// The body of a task's decision depends on the task's kind. Each kind has its own
// strict schema (for the 400 naming each bad field, and for the OpenAPI document);
// the actor and the task id are the API's to fill, never the body's. Each schema is
// typed against its kind's decision in domain/task-kinds.ts, and the table below
// must hold every kind: a kind added there without a body here does not compile.
import { z } from 'zod';
import { PROGRAM_CODES, programDefinition } from '../rules/index.js';
import type { ProgramCode } from '../rules/index.js';
import { TaskKind } from '../domain/vocabulary.js';
import { scoreSheetProblems } from '../domain/score-sheet.js';
import type { DecisionBodyOf } from '../domain/task-kinds.js';
import { updateForTask } from '../workflows/subsidy-case/messages.js';
import type { TaskUpdate } from '../workflows/subsidy-case/messages.js';
import { evidenceSchema, factsSchema } from './schemas.js';
import { safeLine, safeText } from './safe-text.js';

const reason = safeText().trim().min(1).max(4000);

// The OpenAPI document states each rule the superRefines below check, in JSON Schema
// (.meta is merged into the generated schema), so it is no looser than the validation.

/** `required` must be given unless `field` is one of `values`. */
const requiredUnless = (field: string, values: readonly (string | boolean)[], required: string) => ({
  anyOf: [{ properties: { [field]: { enum: values } } }, { required: [required] }],
});

/** Figures the applicant states: the committee's decided amount is not among them. */
export const applicantFacts = factsSchema.meta({ not: { required: ['decidedAmountFen'] }, description: 'decidedAmountFen is the committee’s, never given here' });

export const formalReviewBody = z
  .strictObject({
    decision: z.enum(['accept', 'return', 'reject']).describe('return: back to the applicant for correction (补正)'),
    reason: reason.optional().describe('required to return (what to correct) or to reject'),
  })
  .superRefine((d, ctx) => {
    if (d.decision !== 'accept' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `is required to ${d.decision}` });
  })
  .meta({ title: 'formal-review', ...requiredUnless('decision', ['accept'], 'reason') });

export const correctionBody = z
  .strictObject({ facts: applicantFacts.optional(), evidence: evidenceSchema.optional(), note: reason.optional() })
  .superRefine((d, ctx) => {
    if (d.facts === undefined && d.evidence === undefined && d.note === undefined) ctx.addIssue({ code: 'custom', path: [], message: 'give corrected facts, evidence or a note' });
    if (d.facts?.decidedAmountFen !== undefined) ctx.addIssue({ code: 'custom', path: ['facts', 'decidedAmountFen'], message: 'is set by the committee, not by the applicant' });
  })
  .meta({ title: 'correction', minProperties: 1 });

export const conflictBody = z
  .strictObject({ hasConflict: z.boolean(), detail: reason.optional().describe('required when there is a conflict') })
  .superRefine((d, ctx) => {
    if (d.hasConflict && !d.detail) ctx.addIssue({ code: 'custom', path: ['detail'], message: 'describe the conflict' });
  })
  .meta({ title: 'expert-conflict', ...requiredUnless('hasConflict', [false], 'detail') });

export const scoringBody = z
  .strictObject({
    scores: z.record(safeLine().min(1).max(100), z.int({ error: 'must be a whole number of points' }).min(0)).describe('points per criterion of the program'),
    comment: safeText().max(4000).optional(),
  })
  .meta({ title: 'expert-scoring' });

export const committeeBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    amountFen: z.int().min(1).optional().describe('required to approve: no more than the rules allow'),
    reason: reason.optional().describe('required to reject'),
    resolutionRef: safeLine().trim().min(1).max(200).optional().describe('A9: the district resolution setting the amount'),
    standingProgram: z
      .enum(PROGRAM_CODES)
      .optional()
      .describe('第十三条: when the assessment lists a more favourable program, which one stands (the case’s own or the alternative); required then to approve'),
    budget: z
      .enum(['defer-to-next-year', 'over-budget'])
      .optional()
      .describe("only when the amount exceeds what is left of the year's budget: draw on next year's budget, or approve over budget (reason required)"),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'approve' && d.amountFen === undefined) ctx.addIssue({ code: 'custom', path: ['amountFen'], message: 'is required to approve' });
    if (d.decision === 'reject' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to reject' });
    if (d.budget === 'over-budget' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to approve over budget' });
  })
  .meta({
    title: 'committee-decision',
    allOf: [requiredUnless('decision', ['reject'], 'amountFen'), requiredUnless('decision', ['approve'], 'reason'), requiredUnless('budget', ['defer-to-next-year'], 'reason')],
  });

export const paymentBody = z
  .strictObject({
    outcome: z.enum(['paid', 'failed']),
    reference: safeLine().trim().min(1).max(200).optional().describe('required when paid: the bank reference'),
    reason: reason.optional().describe('required when failed'),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === 'paid' && !d.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'is required when paid' });
    if (d.outcome === 'failed' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when failed' });
  })
  .meta({ title: 'payment-confirmation', allOf: [requiredUnless('outcome', ['failed'], 'reference'), requiredUnless('outcome', ['paid'], 'reason')] });

export const yearlyReportBody = z
  .strictObject({
    facts: applicantFacts.describe("the year's actual figures: rent paid, area used, operating costs, compute spend, months operated, model iteration"),
    evidence: evidenceSchema.optional(),
    note: safeText().max(4000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.facts.decidedAmountFen !== undefined) ctx.addIssue({ code: 'custom', path: ['facts', 'decidedAmountFen'], message: 'is set by the committee, not by the beneficiary' });
  })
  .meta({ title: 'yearly-report' });

export const yearlyVerificationBody = z
  .strictObject({
    outcome: z.enum(['verified', 'failed']),
    verifiedFacts: factsSchema.optional().describe('figures as verified, where they differ from the report'),
    reason: reason.optional().describe('required when failed'),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === 'failed' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when failed' });
  })
  .meta({ title: 'yearly-verification', ...requiredUnless('outcome', ['verified'], 'reason') });

export const yearlyCountersignBody = z
  .strictObject({
    decision: z.enum(['confirm', 'return']).describe('return: the report is verified again (by any officer), then countersigned again if the amount still moved beyond the setting'),
    reason: reason.optional().describe('required to return'),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'return' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to return' });
  })
  .meta({ title: 'yearly-countersign', ...requiredUnless('decision', ['confirm'], 'reason') });

export const repaymentBody = z
  .strictObject({ reference: safeLine().trim().min(1).max(200).describe('the bank reference of the repayment') })
  .meta({ title: 'repayment-confirmation' });

export interface DecisionBody<K extends TaskKind> {
  /** The strict body schema (its output is the kind's decision without taskId and actor). */
  schema: z.ZodType<DecisionBodyOf<K>>;
  /** Who decides it and what it holds, for the route's OpenAPI description. */
  about: string;
}

export const decisionBodies: { readonly [K in TaskKind]: DecisionBody<K> } = {
  [TaskKind.FormalReview]: { schema: formalReviewBody, about: '(officer): {decision: accept|return|reject, reason}' },
  [TaskKind.Correction]: {
    schema: correctionBody,
    about:
      '(applicant, own enterprise): {facts?, evidence?, note?}: changes only what it names (a fact replaces that fact, an evidence item the items of its kind); the result must pass the program’s checklist and facts, else 400 and the case is unchanged',
  },
  [TaskKind.ExpertConflict]: { schema: conflictBody, about: '(the drawn expert): {hasConflict, detail?}' },
  [TaskKind.ExpertScoring]: { schema: scoringBody, about: '(the drawn expert): {scores: {criterion: points}, comment?}' },
  [TaskKind.CommitteeDecision]: {
    schema: committeeBody,
    about:
      '(committee): {decision: approve|reject, amountFen?, reason?, resolutionRef?, standingProgram?, budget?}: standingProgram is required to approve when the case’s assessment lists a more favourable program (第十三条)',
  },
  [TaskKind.PaymentConfirmation]: { schema: paymentBody, about: '(finance): {outcome: paid|failed, reference?, reason?}' },
  [TaskKind.YearlyReport]: { schema: yearlyReportBody, about: "(applicant, own enterprise): {facts, evidence?, note?} (the year's actual figures)" },
  [TaskKind.YearlyVerification]: { schema: yearlyVerificationBody, about: '(officer): {outcome: verified|failed, verifiedFacts?, reason?}' },
  [TaskKind.YearlyCountersign]: {
    schema: yearlyCountersignBody,
    about: '(officer, not the one who verified): {decision: confirm|return, reason?}: a second officer’s check of a yearly verification whose amount moved beyond the notice’s secondOfficerChangeBp against the previous year',
  },
  [TaskKind.RepaymentConfirmation]: { schema: repaymentBody, about: '(finance): {reference}' },
};

const bodies = Object.values(decisionBodies) as DecisionBody<TaskKind>[];

/** For the OpenAPI document: one of the bodies above, chosen by the task's kind. */
export const anyDecisionBody = z.union(bodies.map((body) => body.schema) as [z.ZodType, z.ZodType, ...z.ZodType[]]);

/** One line per kind for the decision route's description. */
export const decisionBodyLines = (Object.entries(decisionBodies) as [TaskKind, DecisionBody<TaskKind>][]).map(([kind, body]) => `- ${kind} ${body.about}`);

export type FieldErrors = { field: string; message: string }[];

/** Criteria of the program: each scored, none unknown, each within its points (domain/score-sheet.ts). */
export function scoreErrors(policyVersion: string, program: ProgramCode, scores: Record<string, number>): FieldErrors {
  return scoreSheetProblems(programDefinition(policyVersion, program).criteria, scores).map((p) => {
    if (p.problem === 'unknown') return { field: `body.scores.${p.name}`, message: 'is not a criterion of this program' };
    const { name, nameZh, maxPoints } = p.criterion;
    if (p.problem === 'missing') return { field: `body.scores.${name}`, message: `is required (0 to ${maxPoints} points: ${nameZh})` };
    return { field: `body.scores.${name}`, message: `must be at most ${maxPoints}` };
  });
}

/** The Update that answers this kind of task, typed by the kind's decision. */
export function decisionUpdate<K extends TaskKind>(kind: K): TaskUpdate<K> {
  return updateForTask[kind];
}
