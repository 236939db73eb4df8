// The fault soak's judgement of answers (scripts/bench/soak-checks.ts): which request
// took effect is read from the Updates a history accepted, and each answer a person
// got is held against it.
import { describe, expect, it } from 'vitest';
import type { temporal } from '@temporalio/proto';
import { claimOf, judgeAnswers, recordedDecisions } from '../../scripts/bench/soak-checks.js';
import type { AnswerRecord } from '../../scripts/bench/soak-desk.js';
import { faultPlan, seededRandom } from '../../scripts/bench/soak-faults.js';

type Event = temporal.api.history.v1.IHistoryEvent;

const payload = (value: unknown) => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) });

function accepted(updateId: string, name: string, arg: object): Event {
  return { workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { meta: { updateId }, input: { name, args: { payloads: [payload(arg)] } } } } };
}
function completed(updateId: string, failed = false): Event {
  return { workflowExecutionUpdateCompletedEventAttributes: { meta: { updateId }, outcome: failed ? { failure: { message: 'refused' } } : { success: { payloads: [payload({ stage: 'committee' })] } } } };
}

const history = {
  events: [
    accepted('u1', 'formalReview', { taskId: 't-review', decision: 'accept', reason: 'complete (intent-abc-1)' }),
    completed('u1'),
    accepted('u2', 'settlePayment', { taskId: 't-pay', outcome: 'paid', reference: 'BANK-intent-abc-2' }),
    completed('u2', true),
    accepted('u3', 'submitScores', { taskId: 't-score', comment: 'intent-abc-3' }),
  ],
};

function answer(intent: string, status: number | null, extra: Partial<AnswerRecord> = {}): AnswerRecord {
  return { intent, kind: 'formal-review', caseId: 'c1', taskId: 't', person: 'officer-1', path: '/tasks/t/decision', attempt: 1, status, detail: '', sentAt: 0, ms: 1, ...extra };
}

describe('soak: what took effect', () => {
  it('reads each accepted Update with its task, intents and outcome', () => {
    const decisions = recordedDecisions('case-c1', [history]);
    expect(decisions.map((d) => [d.update, d.taskId, d.intents, d.outcome])).toEqual([
      ['formalReview', 't-review', ['intent-abc-1'], 'success'],
      ['settlePayment', 't-pay', ['intent-abc-2'], 'failure'],
      ['submitScores', 't-score', ['intent-abc-3'], 'pending'],
    ]);
  });

  it('holds each answer against the history: 2xx must have taken effect, 4xx and 5xx must not have', () => {
    const decisions = recordedDecisions('case-c1', [history]);
    const figures = judgeAnswers(
      [
        answer('intent-abc-1', 200), // true
        answer('intent-abc-2', 200), // untrue: the Update failed after it was accepted
        answer('intent-abc-3', null), // no answer: the person was told nothing
        answer('intent-abc-3', 409, { attempt: 2 }), // untrue: it had taken effect
        answer('intent-abc-4', 409), // true: nothing carries this intent
        answer('intent-abc-5', 503, { detail: 'the outcome is unknown; check the case' }), // says so: never untrue
        answer('c2', 201, { kind: 'application', caseId: 'c2' }), // untrue: no such case started
        answer('c1', 201, { kind: 'application', caseId: 'c1' }), // true
      ],
      decisions,
      new Set(['c1']),
    );
    expect(figures.untrue).toBe(3);
    expect(figures.untrueByKind).toEqual({
      '200 to a decision that did not take effect': 1,
      '409 to a decision that took effect (a retry)': 1,
      '201 to an application that did not take effect': 1,
    });
    expect(figures.intents).toBe(7);
    expect(figures.tookEffectUnanswered).toBe(0);
    expect(figures.byStatus).toEqual({ '200': 2, 'no answer': 1, '409': 2, '503': 1, '201': 2 });
  });

  it('counts a task decided by two accepted Updates', () => {
    const twice = { events: [accepted('a', 'formalReview', { taskId: 't1', reason: 'intent-x-1' }), completed('a'), accepted('b', 'formalReview', { taskId: 't1', reason: 'intent-x-2' }), completed('b')] };
    expect(judgeAnswers([], recordedDecisions('case-c1', [twice]), new Set()).decidedTwice).toBe(1);
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
