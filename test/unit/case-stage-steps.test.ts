// The case page's stepper dates every stage from instants the read model recorded,
// never mixing in the office's calendar date of submission (which a test harness, or a
// back-dated application, sets apart from when things happened).
import { describe, expect, it } from 'vitest';
import { stageSteps } from '../../web/src/features/cases/components/stage-steps.js';
import type { CaseDetail } from '../../web/src/lib/api-types.js';

const done = (kind: string, stage: string, closedAt: string) => ({ taskId: `t-${kind}`, kind, stage, role: 'officer', status: 'done', closedAt, closedBy: 'u-1', outcome: null });

/** A revoked case repaid and closed; the office's clock put its submission in 2113. */
const closedCase = {
  submittedOn: '2113-06-15',
  recordedAt: '2026-11-30T07:40:00.000Z',
  closedAt: '2026-11-30T07:52:00.000Z',
  stage: 'closed',
  status: 'revoked',
  openTasks: [],
  doneTasks: [done('formal-review', 'formal-review', '2026-11-30T07:41:00.000Z'), done('committee-decision', 'committee', '2026-11-30T07:45:00.000Z')],
  approvals: [{ supportYear: 1, budgetYear: 2113, amountFen: 1, overBudgetReason: null, status: 'released', approvedAt: '2026-11-30T07:46:00.000Z' }],
  payments: [{ paymentKey: 'p', supportYear: 1, component: 'rent', amountFen: 1, status: 'paid', attempts: 1, reference: 'B', settledAt: '2026-11-30T07:48:00.000Z' }],
} as unknown as CaseDetail;

describe('the case stepper’s dates', () => {
  it('dates the application when its case was recorded and the closing when it closed, not the office’s submission day', () => {
    const { steps } = stageSteps(closedCase);
    const dateOf = (stage: string) => steps.find((s) => s.stage === stage)?.date;
    expect(dateOf('application')).toBe('2026-11-30T07:40:00.000Z');
    expect(dateOf('closed')).toBe('2026-11-30T07:52:00.000Z');
    expect(dateOf('disbursement')).toBe('2026-11-30T07:48:00.000Z');
    expect(steps.map((s) => s.date).filter((d) => d?.startsWith('2113'))).toEqual([]);
  });

  it('dates the stage a running case is in from its first open task', () => {
    const running = { ...closedCase, stage: 'committee', status: 'in-progress', closedAt: null, doneTasks: closedCase.doneTasks!.slice(0, 1), approvals: [], payments: [], openTasks: [{ stage: 'committee', createdAt: '2026-11-30T07:42:00.000Z' }] } as unknown as CaseDetail;
    const { steps, current } = stageSteps(running);
    expect(steps[current]).toEqual({ stage: 'committee', date: '2026-11-30T07:42:00.000Z', since: true });
    expect(steps.find((s) => s.stage === 'closed')?.date).toBeUndefined();
  });
});
