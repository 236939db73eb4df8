// What the soak checks once the faults are over: how each case ended (or where it is
// stuck), that no payment instruction exists twice, that every recorded run replays
// under the current workflow code, and that every answer people got was true. The
// truth is the case's history: a decision took effect when its Update was accepted
// (and not failed afterwards); the intent id in the decision's free text says which
// request it was.
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { sql } from 'drizzle-orm';
import { historiesOfEveryRun } from '../../api/history.js';
import type { Database } from '../../db/client.js';
import { pool } from './lib.js';
import type { AnswerRecord } from './soak-desk.js';

type History = temporal.api.history.v1.IHistory;

const INTENT = /intent-[a-z0-9]+-\d+/g;

/** A decision Update the case accepted, with the intents its arguments carry. */
export interface RecordedDecision {
  workflowId: string;
  run: number;
  update: string;
  taskId: string | undefined;
  intents: string[];
  /** success: the handler answered; failure: it threw after accepting; pending: no answer recorded yet. */
  outcome: 'success' | 'failure' | 'pending';
  /** When the server recorded the Update as accepted (epoch ms). */
  acceptedAt: number;
}

/** An event's time in epoch ms. */
export function eventTimeMs(event: temporal.api.history.v1.IHistoryEvent | undefined): number {
  const time = event?.eventTime;
  return time ? Number(time.seconds ?? 0) * 1000 + Math.floor((time.nanos ?? 0) / 1e6) : Number.NaN;
}

const text = (data: Uint8Array | null | undefined) => (data ? Buffer.from(data).toString('utf8') : '');

/** Every Update accepted in the runs' histories, with its outcome. */
export function recordedDecisions(workflowId: string, runs: History[]): RecordedDecision[] {
  const found: RecordedDecision[] = [];
  runs.forEach((history, index) => {
    const byUpdateId = new Map<string, RecordedDecision>();
    for (const event of history.events ?? []) {
      const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
      if (accepted) {
        const args = (accepted.acceptedRequest?.input?.args?.payloads ?? []).map((p) => text(p.data));
        let taskId: string | undefined;
        try {
          taskId = (JSON.parse(args[0] ?? 'null') as { taskId?: string } | null)?.taskId;
        } catch {
          taskId = undefined;
        }
        const decision: RecordedDecision = { workflowId, run: index + 1, update: accepted.acceptedRequest?.input?.name ?? '?', taskId, intents: args.join(' ').match(INTENT) ?? [], outcome: 'pending', acceptedAt: eventTimeMs(event) };
        byUpdateId.set(accepted.acceptedRequest?.meta?.updateId ?? '', decision);
        found.push(decision);
      }
      const completed = event.workflowExecutionUpdateCompletedEventAttributes;
      if (completed) {
        const decision = byUpdateId.get(completed.meta?.updateId ?? '');
        if (decision) decision.outcome = completed.outcome?.failure ? 'failure' : 'success';
      }
    }
  });
  return found;
}

/** Every run of every workflow, tried again while Temporal is coming back. */
export async function historiesOf(client: Client, workflowIds: readonly string[]): Promise<Map<string, History[]>> {
  const histories = new Map<string, History[]>();
  await pool(workflowIds, 8, async (id) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        histories.set(id, await historiesOfEveryRun(client, id));
        return;
      } catch (error) {
        if (attempt >= 5) {
          histories.set(id, []);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        void error;
      }
    }
  });
  return histories;
}

export interface ReplayFigures {
  runs: number;
  unreplayable: number;
  /** The first error of each run that did not replay. */
  failures: { workflowId: string; run: number; error: string }[];
}

/** Replays every run on the current workflow bundle, each from its first event. */
export async function replayAll(bundlePath: string, histories: Map<string, History[]>): Promise<ReplayFigures> {
  const items = [...histories].flatMap(([workflowId, runs]) => runs.map((history, index) => ({ workflowId, history, run: index + 1 })));
  const figures: ReplayFigures = { runs: items.length, unreplayable: 0, failures: [] };
  const results = Worker.runReplayHistories(
    { workflowBundle: { codePath: bundlePath }, replayName: 'soak' },
    items.map(({ workflowId, history }) => ({ workflowId, history })),
  );
  // The SDK replays one history at a time and answers in the order given.
  let index = 0;
  for await (const result of results) {
    const run = items[index]?.run ?? 0;
    index += 1;
    if (!result.error) continue;
    figures.unreplayable += 1;
    // The SDK wraps core's failure in a long sentence; its own message is the part that says what diverged.
    const inner = /message: "((?:[^"\\]|\\.)*)"/.exec(result.error.message)?.[1];
    figures.failures.push({ workflowId: result.workflowId, run, error: firstLine(inner ?? result.error.message) });
  }
  return figures;
}

const firstLine = (message: string) => message.split('\n')[0]!.slice(0, 300);

export type Claim = 'took effect' | 'did not take effect' | 'outcome unknown' | 'no answer';

/** What an answer told the person: 2xx it was done; 4xx and 5xx it was not, unless the answer says the outcome is unknown. */
export function claimOf(answer: AnswerRecord): Claim {
  if (answer.status === null) return 'no answer';
  if (answer.status >= 200 && answer.status < 300) return 'took effect';
  if (answer.status >= 500 && /unknown/i.test(answer.detail)) return 'outcome unknown';
  return 'did not take effect';
}

export interface AnswerFigures {
  answers: number;
  byStatus: Record<string, number>;
  intents: number;
  untrue: number;
  /** Untrue answers by status and what really happened. */
  untrueByKind: Record<string, number>;
  untrueExamples: (AnswerRecord & { truth: string })[];
  /** Intents that took effect though no answer said so (every try went unanswered or said unknown). */
  tookEffectUnanswered: number;
  /** Tasks decided by more than one accepted Update. */
  decidedTwice: number;
}

/**
 * Judges every answer against the histories. A decision took effect when an accepted,
 * not failed Update carries its intent (at the time the Update was accepted); an
 * application when its case's workflow started (`startedCases`: case id → start time).
 * The tries of one intent share its id, so the try that took effect is taken to be the
 * last one sent before that time: a failure answered to it is untrue, and so is a
 * failure answered to a try sent after it (a retry of something already done); a
 * failure answered to an earlier try is true.
 */
export function judgeAnswers(answers: readonly AnswerRecord[], decisions: readonly RecordedDecision[], startedCases: ReadonlyMap<string, number>): AnswerFigures {
  const effectAt = new Map<string, number>();
  const perTask = new Map<string, number>();
  for (const d of decisions) {
    if (d.outcome === 'failure') continue;
    for (const intent of d.intents) effectAt.set(intent, Math.min(effectAt.get(intent) ?? Infinity, d.acceptedAt));
    if (d.taskId) perTask.set(`${d.workflowId}/${d.taskId}`, (perTask.get(`${d.workflowId}/${d.taskId}`) ?? 0) + 1);
  }
  const figures: AnswerFigures = { answers: answers.length, byStatus: {}, intents: 0, untrue: 0, untrueByKind: {}, untrueExamples: [], tookEffectUnanswered: 0, decidedTwice: [...perTask.values()].filter((n) => n > 1).length };
  const byIntent = new Map<string, AnswerRecord[]>();
  for (const answer of answers) {
    const status = answer.status === null ? 'no answer' : String(answer.status);
    figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
    byIntent.set(answer.intent, [...(byIntent.get(answer.intent) ?? []), answer]);
  }
  figures.intents = byIntent.size;
  for (const tries of byIntent.values()) {
    tries.sort((a, b) => a.attempt - b.attempt);
    const first = tries[0]!;
    const at = first.kind === 'application' ? startedCases.get(first.caseId) : effectAt.get(first.intent);
    const what = first.kind === 'application' ? 'an application' : 'a decision';
    const cause = at === undefined ? undefined : (tries.filter((t) => t.sentAt <= at).at(-1) ?? first);
    let told = false;
    for (const t of tries) {
      const claim = claimOf(t);
      if (claim === 'took effect' || claim === 'did not take effect') told = true;
      let untrue: string | undefined;
      if (claim === 'took effect' && !cause) untrue = `to ${what} that did not take effect`;
      if (claim === 'did not take effect' && cause && t.attempt === cause.attempt) untrue = `to the request that took effect (${what})`;
      if (claim === 'did not take effect' && cause && t.attempt > cause.attempt) untrue = `to a retry of ${what} that had already taken effect`;
      if (!untrue) continue;
      const kind = `${t.status} ${untrue}`;
      figures.untrue += 1;
      figures.untrueByKind[kind] = (figures.untrueByKind[kind] ?? 0) + 1;
      if (figures.untrueExamples.length < 12) figures.untrueExamples.push({ ...t, truth: cause ? 'took effect' : 'did not take effect' });
    }
    if (cause && !told) figures.tookEffectUnanswered += 1;
  }
  return figures;
}

export interface PaymentFigures {
  instructions: number;
  byStatus: Record<string, number>;
  /** Payment keys held by more than one row (the unique index should make this 0). */
  keysTwice: number;
  /** Case, support year and component held by more than one row: paid twice. */
  paidTwice: { caseId: string; supportYear: number; component: string; rows: number }[];
}

export async function paymentFigures(db: Database, caseIds: readonly string[]): Promise<PaymentFigures> {
  const ids = sql.join(
    caseIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = (await db.execute(sql`select status, count(*)::int as n, count(distinct payment_key)::int as keys from payments where case_id in (${ids}) group by status`)) as unknown as { status: string; n: number; keys: number }[];
  const keys = (await db.execute(sql`select count(*)::int as n from (select payment_key from payments where case_id in (${ids}) group by payment_key having count(*) > 1) k`)) as unknown as { n: number }[];
  const twice = (await db.execute(
    sql`select case_id, support_year, component, count(*)::int as n from payments where case_id in (${ids}) group by case_id, support_year, component having count(*) > 1 order by case_id`,
  )) as unknown as { case_id: string; support_year: number; component: string; n: number }[];
  return {
    instructions: rows.reduce((sum, r) => sum + r.n, 0),
    byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])),
    keysTwice: keys[0]?.n ?? 0,
    paidTwice: twice.map((r) => ({ caseId: r.case_id, supportYear: r.support_year, component: r.component, rows: r.n })),
  };
}

export interface ReadModelFigures {
  /** Decided in the history (accepted, not failed), still open in the read model. */
  decidedButOpen: number;
  /** Closed by a person in the read model, with no accepted Update for the task in the history. */
  closedWithoutDecision: number;
  examples: string[];
}

/** The read model's tasks against the histories' decisions. */
export async function readModelFigures(db: Database, caseIds: readonly string[], decisions: readonly RecordedDecision[]): Promise<ReadModelFigures> {
  const ids = sql.join(
    caseIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = (await db.execute(sql`select id, case_id, kind, status, closed_by from tasks where case_id in (${ids})`)) as unknown as { id: string; case_id: string; kind: string; status: string; closed_by: string | null }[];
  const decided = new Set(decisions.filter((d) => d.outcome !== 'failure' && d.taskId).map((d) => `${d.workflowId}/${d.taskId}`));
  const figures: ReadModelFigures = { decidedButOpen: 0, closedWithoutDecision: 0, examples: [] };
  for (const row of rows) {
    const key = `case-${row.case_id}/${row.id}`;
    if (row.status === 'open' && decided.has(key)) {
      figures.decidedButOpen += 1;
      if (figures.examples.length < 10) figures.examples.push(`${row.kind} ${row.id}: decided in the history, open in the read model`);
    }
    if (row.status !== 'open' && row.closed_by && row.closed_by !== 'system' && !decided.has(key)) {
      figures.closedWithoutDecision += 1;
      if (figures.examples.length < 10) figures.examples.push(`${row.kind} ${row.id}: closed by ${row.closed_by} in the read model, no decision in the history`);
    }
  }
  return figures;
}

export interface StuckCase {
  caseId: string;
  stage: string;
  supportYear: number | null;
  openTasks: string[];
  workflowStatus: string;
  /** The last workflow task failure of the latest run, if any. */
  lastWorkflowTaskFailure?: string;
  pendingActivities: string[];
}

/** Where a case that did not end stands: read model, Temporal's description, its history's last failure. */
export async function describeStuck(db: Database, client: Client, caseId: string, latestRun: History | undefined): Promise<StuckCase> {
  const cases = (await db.execute(sql`select stage, support_year from cases where id = ${caseId}`)) as unknown as { stage: string; support_year: number }[];
  const tasks = (await db.execute(sql`select kind, role, assignee, id from tasks where case_id = ${caseId} and status = 'open' order by created_at`)) as unknown as { kind: string; role: string; assignee: string | null; id: string }[];
  let workflowStatus = 'unknown';
  const pendingActivities: string[] = [];
  try {
    const description = await client.workflow.getHandle(`case-${caseId}`).describe();
    workflowStatus = description.status.name;
    for (const activity of description.raw.pendingActivities ?? []) {
      pendingActivities.push(`${activity.activityType?.name ?? '?'} attempt ${activity.attempt ?? 0}${activity.lastFailure?.message ? `: ${firstLine(activity.lastFailure.message)}` : ''}`);
    }
  } catch (error) {
    workflowStatus = `not described: ${String(error).slice(0, 120)}`;
  }
  const failures = (latestRun?.events ?? []).map((e) => e.workflowTaskFailedEventAttributes?.failure?.message).filter((m): m is string => Boolean(m));
  return {
    caseId,
    stage: cases[0]?.stage ?? 'not in the read model',
    supportYear: cases[0]?.support_year ?? null,
    openTasks: tasks.map((t) => `${t.kind} (${t.assignee ?? t.role})`),
    workflowStatus,
    ...(failures.length > 0 && { lastWorkflowTaskFailure: `${firstLine(failures.at(-1)!)} (${failures.length} failed workflow tasks)` }),
    pendingActivities,
  };
}
