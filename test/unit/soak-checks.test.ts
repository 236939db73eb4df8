// The fault soak's judgement of answers (scripts/bench/soak-checks.ts): which request
// took effect is read from the Updates a history accepted, and each answer a person
// got is held against it.
import { describe, expect, it } from 'vitest';
import { msToTs } from '@temporalio/common/lib/time.js';
import type { temporal } from '@temporalio/proto';
import { claimOf, judgeAnswers, recordedDecisions } from '../../scripts/bench/soak-checks.js';
import type { AnswerRecord } from '../../scripts/bench/soak-desk.js';
import { faultPlan, seededRandom } from '../../scripts/bench/soak-faults.js';

type Event = temporal.api.history.v1.IHistoryEvent;

const payload = (value: unknown) => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) });

function accepted(updateId: string, name: string, arg: object, atMs = 0): Event {
  return { eventTime: msToTs(atMs), workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { meta: { updateId }, input: { name, args: { payloads: [payload(arg)] } } } } };
}
function completed(updateId: string, failed = false): Event {
  return { workflowExecutionUpdateCompletedEventAttributes: { meta: { updateId }, outcome: failed ? { failure: { message: 'refused' } } : { success: { payloads: [payload({ stage: 'committee' })] } } } };
}

const history = {
  events: [
    accepted('u1', 'formalReview', { taskId: 't-review', decision: 'accept', reason: 'complete (intent-abc-1)' }, 1000),
    completed('u1'),
    accepted('u2', 'settlePayment', { taskId: 't-pay', outcome: 'paid', reference: 'BANK-intent-abc-2' }, 2000),
    completed('u2', true),
    accepted('u3', 'submitScores', { taskId: 't-score', comment: 'intent-abc-3' }, 3000),
    accepted('u6', 'declareConflict', { taskId: 't-conflict', detail: 'none (intent-abc-6)' }, 6000),
    completed('u6'),
    accepted('u7', 'verifyYearlyReport', { taskId: 't-verify', reason: 'checked (intent-abc-7)' }, 7000),
    completed('u7'),
  ],
};

function answer(intent: string, status: number | null, extra: Partial<AnswerRecord> = {}): AnswerRecord {
  return { intent, kind: 'formal-review', caseId: 'c1', taskId: 't', person: 'officer-1', path: '/tasks/t/decision', attempt: 1, status, detail: '', sentAt: 0, ms: 1, ...extra };
}

describe('soak: what took effect', () => {
  it('reads each accepted Update with its task, intents and outcome', () => {
    const decisions = recordedDecisions('case-c1', [history]);
    expect(decisions.slice(0, 3).map((d) => [d.update, d.taskId, d.intents, d.outcome, d.acceptedAt])).toEqual([
      ['formalReview', 't-review', ['intent-abc-1'], 'success', 1000],
      ['settlePayment', 't-pay', ['intent-abc-2'], 'failure', 2000],
      ['submitScores', 't-score', ['intent-abc-3'], 'pending', 3000],
    ]);
  });

  it('holds each answer against the history: 2xx must have taken effect, 4xx and 5xx must not have', () => {
    const decisions = recordedDecisions('case-c1', [history]);
    const figures = judgeAnswers(
      [
        answer('intent-abc-1', 200, { sentAt: 900 }), // true
        answer('intent-abc-2', 200, { sentAt: 1900 }), // untrue: the Update failed after it was accepted
        answer('intent-abc-3', null, { sentAt: 2500 }), // no answer: the person was told nothing
        answer('intent-abc-3', 409, { sentAt: 3500, attempt: 2 }), // untrue: the first try had taken effect
        answer('intent-abc-4', 409), // true: nothing carries this intent
        answer('intent-abc-5', 503, { detail: 'the outcome is unknown; check the case' }), // says so: never untrue
        answer('intent-abc-6', 500, { sentAt: 5000 }), // true: the retry, sent before the Update was accepted, took effect
        answer('intent-abc-6', 200, { sentAt: 5800, attempt: 2 }), // true
        answer('intent-abc-7', 409, { sentAt: 6500 }), // untrue: this request took effect
        answer('c2', 201, { kind: 'application', caseId: 'c2' }), // untrue: no such case started
        answer('c1', 201, { kind: 'application', caseId: 'c1', sentAt: 50 }), // true
      ],
      decisions,
      new Map([['c1', 100]]),
    );
    expect(figures.untrueByKind).toEqual({
      '200 to a decision that did not take effect': 1,
      '409 to a retry of a decision that had already taken effect': 1,
      '409 to the request that took effect (a decision)': 1,
      '201 to an application that did not take effect': 1,
    });
    expect(figures.untrue).toBe(4);
    expect(figures.intents).toBe(9);
    expect(figures.tookEffectUnanswered).toBe(0);
    expect(figures.byStatus).toEqual({ '200': 3, 'no answer': 1, '409': 3, '503': 1, '500': 1, '201': 2 });
  });

  it('counts a decision that took effect though no answer said so', () => {
    const figures = judgeAnswers([answer('intent-abc-1', null, { sentAt: 900 })], recordedDecisions('case-c1', [history]), new Map());
    expect(figures.tookEffectUnanswered).toBe(1);
    expect(figures.untrue).toBe(0);
  });

  it('counts a task decided by two accepted Updates', () => {
    const twice = { events: [accepted('a', 'formalReview', { taskId: 't1', reason: 'intent-x-1' }), completed('a'), accepted('b', 'formalReview', { taskId: 't1', reason: 'intent-x-2' }), completed('b')] };
    expect(judgeAnswers([], recordedDecisions('case-c1', [twice]), new Map()).decidedTwice).toBe(1);
  });

  it('reads what an answer claimed', () => {
    expect(claimOf(answer('i', 204))).toBe('took effect');
    expect(claimOf(answer('i', 422))).toBe('did not take effect');
    expect(claimOf(answer('i', 500))).toBe('did not take effect');
    expect(claimOf(answer('i', 503, { detail: 'Outcome unknown' }))).toBe('outcome unknown');
    expect(claimOf(answer('i', null))).toBe('no answer');
  });
});

describe('soak: the fault schedule', () => {
  it('holds every fault asked for, in an order the seed fixes', () => {
    const counts = { 'worker-kill': 4, 'worker-sigterm': 2, 'postgres-restart': 1, 'temporal-restart': 1 };
    const a = faultPlan(counts, seededRandom(7));
    expect(a).toHaveLength(8);
    expect(a.filter((k) => k === 'worker-kill')).toHaveLength(4);
    expect(faultPlan(counts, seededRandom(7))).toEqual(a);
    expect(faultPlan(counts, seededRandom(8))).not.toEqual(a);
  });
});
