// The body of a task's decision depends on the task's kind. Each kind has its own
// strict schema (for the 400 naming each bad field, and for the OpenAPI document);
// the actor and the task id are the API's to fill, never the body's.
import { z } from 'zod';
import { PROGRAM_CODES, programDefinition } from '../rules/index.js';
import type { ProgramCode } from '../rules/index.js';
import { TaskKind, updateForTask } from '../workflows/subsidy-case/messages.js';
import type {
  Actor,
  CommitteeDecision,
  ConflictDeclaration,
  CorrectionAnswer,
  FormalReviewDecision,
  PaymentSettlement,
  RepaymentConfirmation,
  ScoreSheet,
  YearlyReport,
  YearlyVerification,
} from '../workflows/subsidy-case/messages.js';
import type { CaseUpdate } from './case-client.js';
import { evidenceSchema, factsSchema } from './routes/applications.js';

const reason = z.string().trim().min(1).max(4000);

export const formalReviewBody = z
  .strictObject({
    decision: z.enum(['accept', 'return', 'reject']).describe('return: back to the applicant for correction (补正)'),
    reason: reason.optional().describe('required to return (what to correct) or to reject'),
  })
  .superRefine((d, ctx) => {
    if (d.decision !== 'accept' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `is required to ${d.decision}` });
  })
  .meta({ title: 'formal-review' });

export const correctionBody = z
  .strictObject({ facts: factsSchema.optional(), evidence: evidenceSchema.optional(), note: reason.optional() })
  .superRefine((d, ctx) => {
    if (d.facts === undefined && d.evidence === undefined && d.note === undefined) ctx.addIssue({ code: 'custom', path: [], message: 'give corrected facts, evidence or a note' });
    if (d.facts?.decidedAmountFen !== undefined) ctx.addIssue({ code: 'custom', path: ['facts', 'decidedAmountFen'], message: 'is set by the committee, not by the applicant' });
  })
  .meta({ title: 'correction' });

export const conflictBody = z
  .strictObject({ hasConflict: z.boolean(), detail: reason.optional().describe('required when there is a conflict') })
  .superRefine((d, ctx) => {
    if (d.hasConflict && !d.detail) ctx.addIssue({ code: 'custom', path: ['detail'], message: 'describe the conflict' });
  })
  .meta({ title: 'expert-conflict' });

export const scoringBody = z
  .strictObject({
    scores: z.record(z.string().min(1).max(100), z.int({ error: 'must be a whole number of points' }).min(0)).describe('points per criterion of the program'),
    comment: z.string().max(4000).optional(),
  })
  .meta({ title: 'expert-scoring' });

export const committeeBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    amountFen: z.int().min(1).optional().describe('required to approve: no more than the rules allow'),
    reason: reason.optional().describe('required to reject'),
    resolutionRef: z.string().trim().min(1).max(200).optional().describe('A9: the district resolution setting the amount'),
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
  .meta({ title: 'committee-decision' });

export const paymentBody = z
  .strictObject({
    outcome: z.enum(['paid', 'failed']),
    reference: z.string().trim().min(1).max(200).optional().describe('required when paid: the bank reference'),
    reason: reason.optional().describe('required when failed'),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === 'paid' && !d.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'is required when paid' });
    if (d.outcome === 'failed' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when failed' });
  })
  .meta({ title: 'payment-confirmation' });

export const yearlyReportBody = z
  .strictObject({
    facts: factsSchema.describe("the year's actual figures: rent paid, area used, operating costs, compute spend, months operated, model iteration"),
    evidence: evidenceSchema.optional(),
    note: z.string().max(4000).optional(),
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
  .meta({ title: 'yearly-verification' });

export const repaymentBody = z
  .strictObject({ reference: z.string().trim().min(1).max(200).describe('the bank reference of the repayment') })
  .meta({ title: 'repayment-confirmation' });

export const decisionBodies = {
  [TaskKind.FormalReview]: formalReviewBody,
  [TaskKind.Correction]: correctionBody,
  [TaskKind.ExpertConflict]: conflictBody,
  [TaskKind.ExpertScoring]: scoringBody,
  [TaskKind.CommitteeDecision]: committeeBody,
  [TaskKind.PaymentConfirmation]: paymentBody,
  [TaskKind.YearlyReport]: yearlyReportBody,
  [TaskKind.YearlyVerification]: yearlyVerificationBody,
  [TaskKind.RepaymentConfirmation]: repaymentBody,
} as const;

/** For the OpenAPI document: one of the bodies above, chosen by the task's kind. */
export const anyDecisionBody = z.union([
  formalReviewBody,
  correctionBody,
  conflictBody,
  scoringBody,
  committeeBody,
  paymentBody,
  yearlyReportBody,
  yearlyVerificationBody,
  repaymentBody,
]);

export type FieldErrors = { field: string; message: string }[];

/** Criteria of the program: each scored, none unknown, each within its points. */
export function scoreErrors(policyVersion: string, program: ProgramCode, scores: Record<string, number>): FieldErrors {
  const criteria = programDefinition(policyVersion, program).criteria;
  const errors: FieldErrors = [];
  for (const c of criteria) {
    const points = scores[c.name];
    if (points === undefined) errors.push({ field: `body.scores.${c.name}`, message: `is required (0 to ${c.maxPoints} points: ${c.nameZh})` });
    else if (points > c.maxPoints) errors.push({ field: `body.scores.${c.name}`, message: `must be at most ${c.maxPoints}` });
  }
  for (const name of Object.keys(scores)) {
    if (!criteria.some((c) => c.name === name)) errors.push({ field: `body.scores.${name}`, message: 'is not a criterion of this program' });
  }
  return errors;
}

/**
 * The Update that answers this kind of task. Its argument is the body parsed by
 * `decisionBodies[kind]` with `taskId` and `actor` filled in (the shapes are checked
 * by the assignments below).
 */
export function decisionUpdate(kind: TaskKind): CaseUpdate<object & { taskId: string; actor: Actor }> {
  return updateForTask[kind] as unknown as CaseUpdate<object & { taskId: string; actor: Actor }>;
}

type Filled<T> = T & { taskId: string; actor: Actor };
const _shapes: [
  (b: Filled<z.infer<typeof formalReviewBody>>) => FormalReviewDecision,
  (b: Filled<z.infer<typeof correctionBody>>) => CorrectionAnswer,
  (b: Filled<z.infer<typeof conflictBody>>) => ConflictDeclaration,
  (b: Filled<z.infer<typeof scoringBody>>) => ScoreSheet,
  (b: Filled<z.infer<typeof committeeBody>>) => CommitteeDecision,
  (b: Filled<z.infer<typeof paymentBody>>) => PaymentSettlement,
  (b: Filled<z.infer<typeof yearlyReportBody>>) => YearlyReport,
  (b: Filled<z.infer<typeof yearlyVerificationBody>>) => YearlyVerification,
  (b: Filled<z.infer<typeof repaymentBody>>) => RepaymentConfirmation,
] = [(b) => b, (b) => b, (b) => b, (b) => b, (b) => b, (b) => b, (b) => b, (b) => b, (b) => b];
void _shapes;
