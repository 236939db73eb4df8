// What each notification the cases write is about, read from the read model's columns:
// the same for rows written before topics existed as for new ones.
import { describe, expect, it } from 'vitest';
import { describeNotification } from '../../domain/notification-topics.js';
import type { NotificationFacts } from '../../domain/notification-topics.js';

const facts = (over: Partial<NotificationFacts>): NotificationFacts => ({ kind: 'reminder', taskKind: null, taskDueAt: null, taskOutcome: null, caseStatus: null, caseClosedReason: null, ...over });

describe('notification topics', () => {
  it('a reminder is an overdue task, or for a yearly report its deadline', () => {
    expect(describeNotification(facts({ taskKind: 'formal-review' }))).toEqual({ topic: 'task-overdue', params: { taskKind: 'formal-review' } });
    expect(describeNotification(facts({ taskKind: 'yearly-report', taskDueAt: '2030-12-15T15:59:59.999Z' }))).toEqual({
      topic: 'report-due',
      params: { taskKind: 'yearly-report', dueAt: '2030-12-15T15:59:59.999Z' },
    });
  });

  it('an escalation of a payment that failed says why; any other is a task still undecided', () => {
    const failed = facts({ kind: 'escalation', taskKind: 'payment-confirmation', taskOutcome: { outcome: 'failed', reason: '账户冻结' } });
    expect(describeNotification(failed)).toEqual({ topic: 'payment-failed', params: { taskKind: 'payment-confirmation', reason: '账户冻结' } });
    expect(describeNotification(facts({ kind: 'escalation', taskKind: 'payment-confirmation' }))).toEqual({ topic: 'task-escalated', params: { taskKind: 'payment-confirmation' } });
  });

  it('an approval carries the amount the committee approved', () => {
    expect(describeNotification(facts({ kind: 'approved', taskKind: 'committee-decision', taskOutcome: { decision: 'approve', amountFen: 3_703_703 } }))).toEqual({
      topic: 'approved',
      params: { amountFen: 3_703_703 },
    });
  });

  it('a closing carries the status and the case’s reason; an unknown kind falls back to the stored text', () => {
    expect(describeNotification(facts({ kind: 'case-withdrawn', caseClosedReason: 'no correction by the deadline' }))).toEqual({
      topic: 'case-closed',
      params: { status: 'withdrawn', reason: 'no correction by the deadline' },
    });
    expect(describeNotification(facts({ kind: 'case-completed' }))).toEqual({ topic: 'case-closed', params: { status: 'completed' } });
    expect(describeNotification(facts({ kind: 'something-new' }))).toEqual({ topic: 'other', params: {} });
    // A reminder whose task the read model does not hold has nothing to name.
    expect(describeNotification(facts({ kind: 'reminder' }))).toEqual({ topic: 'other', params: {} });
  });
});
