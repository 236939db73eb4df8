// Many cases at once on the dev server, with decisions arriving together: the experts
// of a panel declare and score at the same moment, finance confirms every component at
// once, half the cases move beyond the share and are countersigned, and one of the two workers keeps no cache, so it rebuilds the case from its
// history for every workflow task it takes. Every run must then replay under the
// current code, with no workflow task failed on the way; the histories are what
// `npm run record-histories` commits for the replay test.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { annualNotices, enterprises, payments, tasks, users } from '../../db/schema.js';
import { historiesOfEveryRun } from '../../api/history.js';
import { programDefinition } from '../../rules/index.js';
import { createCaseWorker } from '../../worker/create-worker.js';
import {
  caseViewQuery,
  caseWorkflowId,
  CASE_WORKFLOW_TYPE,
  committeeDecisionUpdate,
  countersignYearlyVerificationUpdate,
  declareConflictUpdate,
  DEFAULT_CASE_SETTINGS,
  formalReviewUpdate,
  settlePaymentUpdate,
  submitScoresUpdate,
  submitYearlyReportUpdate,
  verifyYearlyReportUpdate,
} from '../../workflows/subsidy-case/messages.js';
import type { CaseInput, CaseView, TaskKind, TaskView } from '../../workflows/subsidy-case/messages.js';
import { applicantOf, committeeMember, financeClerk, officer, secondOfficer } from '../support/case-harness.js';
import { openTestDatabase, uniqueId } from '../support/database.js';
import { recordHistory } from '../support/history-recorder.js';
import { bundleCaseWorkflows } from '../support/workflow-bundle.js';

const CASES = 8;

/** The read-model writes a run's history holds: the inputs of its applyProjections activities. */
function writtenProjections(history: temporal.api.history.v1.IHistory): { write: string; args: { taskId: string; status: string } }[] {
  return (history.events ?? [])
    .map((e) => e.activityTaskScheduledEventAttributes)
    .filter((a) => a?.activityType?.name === 'applyProjections')
    .flatMap((a) => (JSON.parse(Buffer.from(a!.input!.payloads![0]!.data!).toString()) as { items: { write: string; args: { taskId: string; status: string } }[] }).items);
}
const EventType = proto.temporal.api.enums.v1.EventType;

let env: TestWorkflowEnvironment;
let database: DatabaseHandle;
let bundle: WorkflowBundleWithSourceMap;
let worker: Worker;
let running: Promise<void>;
let uncached: ChildProcess | undefined;
const taskQueue = uniqueId('concurrent');
let firstYear = 0;

/** Three consecutive notice years no other test uses (a sequence handing out blocks of three). */
async function reserveYears(): Promise<number> {
  await database.db.execute(sql`create sequence if not exists test_notice_year_blocks start 6000 increment 3`);
  const rows = await database.db.execute<{ year: string }>(sql`select nextval('test_notice_year_blocks')::text as year`);
  const row = (Array.isArray(rows) ? rows[0] : (rows as { rows: { year: string }[] }).rows[0]) as { year: string };
  return Number(row.year);
}

/** Today in Beijing, shifted by whole days (the dev server runs on the real clock). */
function districtDate(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('devServerAddress') });
  database = await openTestDatabase();
  bundle = await bundleCaseWorkflows();
  firstYear = await reserveYears();
  // Each support year's reporting window is open now, so later years start at once.
  await database.db.insert(annualNotices).values(
    [0, 1, 2].map((offset) => ({
      year: firstYear + offset,
      applicationOpensOn: districtDate(-30),
      applicationClosesOn: districtDate(30),
      reportingOpensOn: districtDate(-1),
      reportingClosesOn: districtDate(30),
      programs: {},
      settings: {},
      createdBy: 'test',
    })),
  );
  const platformExperts = Array.from({ length: 4 }, () => uniqueId('expert-platform'));
  await database.db.insert(users).values(platformExperts.map((id) => ({ id, name: id, role: 'expert' as const, organisation: `${id}-institute`, specialties: ['platform'] })));
  // Two workers on one queue, workflow tasks going to either: this one, and a worker
  // process that keeps no cache, so it rebuilds the case from its history for every
  // task it takes, as after a restart or an eviction.
  worker = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: bundle });
  running = worker.run();
  uncached = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../worker/main.ts', import.meta.url))], {
    env: { ...process.env, TEMPORAL_ADDRESS: inject('devServerAddress'), TEMPORAL_TASK_QUEUE: taskQueue, WORKER_MAX_CACHED_WORKFLOWS: '0' },
    stdio: 'ignore',
  });
}, 120_000);

afterAll(async () => {
  uncached?.kill('SIGTERM');
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await database?.close();
  await env?.teardown();
});

const settings = {
  ...DEFAULT_CASE_SETTINGS,
  panelSize: 3,
  noticePeriod: '2 seconds',
  reportReminderBefore: '1 second',
  noticePollInterval: '1 second',
};

async function openTasks(handle: WorkflowHandle, kind: TaskKind, count = 1): Promise<TaskView[]> {
  let found: TaskView[] = [];
  await expect
    .poll(
      async () => {
        const view: CaseView = await handle.query(caseViewQuery);
        found = view.openTasks.filter((t) => t.kind === kind);
        return found.length >= count;
      },
      { timeout: 60_000, interval: 100 },
    )
    .toBe(true);
  return found;
}

/** Odd cases report year 2's operating costs doubled: the amount moves beyond the notice's share and a second officer countersigns. */
const movesBeyondShare = (index: number) => index % 2 === 1;

/** One A6 case for three support years; everything a year allows at once, at once. */
async function driveCase(index: number): Promise<WorkflowHandle> {
  const enterpriseId = uniqueId('ent');
  await database.db.insert(enterprises).values({ id: enterpriseId, name: enterpriseId, organisation: uniqueId('org') });
  const input: CaseInput = {
    applicationId: uniqueId(`conc${index}`),
    program: 'A6-PLATFORM',
    enterpriseId,
    noticeYear: firstYear,
    submittedOn: districtDate(0),
    policyVersion: '2025-draft',
    registeredInDistrict: true,
    qualifications: ['platform-national'],
    facts: { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 },
    evidence: [],
    settings,
  };
  const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue, workflowId: caseWorkflowId(input.applicationId), args: [input] });
  const criteria = programDefinition(input.policyVersion, input.program).criteria;

  const [review] = await openTasks(handle, 'formal-review');
  await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review!.taskId, actor: officer, decision: 'accept' }] });

  const declarations = await openTasks(handle, 'expert-conflict', 3);
  await Promise.all(
    declarations.map((t) => handle.executeUpdate(declareConflictUpdate, { args: [{ taskId: t.taskId, actor: { userId: t.assignee!, role: 'expert' }, hasConflict: false }] })),
  );
  const scoring = await openTasks(handle, 'expert-scoring', 3);
  await Promise.all(
    scoring.map((t, seat) =>
      handle.executeUpdate(submitScoresUpdate, {
        args: [{ taskId: t.taskId, actor: { userId: t.assignee!, role: 'expert' }, scores: Object.fromEntries(criteria.map((c) => [c.name, c.maxPoints - seat])) }],
      }),
    ),
  );

  for (let year = 1; year <= 3; year += 1) {
    const latest = year === 1 ? handle : env.client.workflow.getHandle(handle.workflowId);
    if (year > 1) {
      const [report] = await openTasks(latest, 'yearly-report');
      // Year 1 pays 7,000,000 yuan (rent 4,000,000 + operating 3,000,000). Years 2 and 3 pay 6,000,000
      // (−14 %, within the 20 % share), or for the moving cases 9,000,000 (operating capped at 5,000,000: +29 %).
      const operatingCostsFen = movesBeyondShare(index) ? 600_000_000 : 200_000_000;
      await latest.executeUpdate(submitYearlyReportUpdate, { args: [{ taskId: report!.taskId, actor: applicantOf(enterpriseId), facts: { rentPaidFen: 500_000_000, areaUsedM2: 5000, operatingCostsFen } }] });
      const [verification] = await openTasks(latest, 'yearly-verification');
      await latest.executeUpdate(verifyYearlyReportUpdate, { args: [{ taskId: verification!.taskId, actor: secondOfficer, outcome: 'verified' }] });
      if (movesBeyondShare(index) && year === 2) {
        const [countersign] = await openTasks(latest, 'yearly-countersign');
        await latest.executeUpdate(countersignYearlyVerificationUpdate, { args: [{ taskId: countersign!.taskId, actor: officer, decision: 'confirm' }] });
      }
    }
    const [committee] = await openTasks(latest, 'committee-decision');
    const { maximumFen } = await latest.query(caseViewQuery);
    await latest.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: committee!.taskId, actor: committeeMember, decision: 'approve', amountFen: maximumFen! }] });
    const confirmations = await openTasks(latest, 'payment-confirmation', 2);
    await Promise.all(
      confirmations.map((t) => latest.executeUpdate(settlePaymentUpdate, { args: [{ taskId: t.taskId, actor: financeClerk, outcome: 'paid', reference: `BANK-${t.taskId}` }] })),
    );
  }
  return handle;
}

describe('cases at once, decisions together', () => {
  it(`runs ${CASES} three-year A6 cases to the end, and every run replays`, async () => {
    const handles = await Promise.all(Array.from({ length: CASES }, (_, i) => driveCase(i)));
    const deciders = new Set<string>();
    const outcomes = await Promise.all(handles.map((h) => env.client.workflow.getHandle(h.workflowId).result()));
    expect(outcomes.map((o) => (o as { status: string }).status)).toEqual(Array(CASES).fill('completed'));

    for (const [index, handle] of handles.entries()) {
      const caseId = handle.workflowId.replace(/^case-/, '');
      // Each payment once: two components a year for three years.
      const paid = await database.db.select().from(payments).where(eq(payments.caseId, caseId)).orderBy(asc(payments.paymentKey));
      expect(paid.map((p) => [p.supportYear, p.status])).toEqual([1, 1, 2, 2, 3, 3].map((y) => [y, 'paid']));
      // The moving cases took a countersign in year 2 (the patched second-officer stage), the others none.
      const countersigns = await database.db.select({ status: tasks.status }).from(tasks).where(sql`${tasks.caseId} = ${caseId} and ${tasks.kind} = 'yearly-countersign'`);
      expect(countersigns.map((t) => t.status)).toEqual(movesBeyondShare(index) ? ['done'] : []);
      // The read model holds no open task of a completed case.
      expect(await database.db.select().from(tasks).where(sql`${tasks.caseId} = ${caseId} and ${tasks.status} = 'open'`)).toEqual([]);

      const runs = await historiesOfEveryRun(env.client, handle.workflowId);
      expect(runs).toHaveLength(3);
      // The read model holds exactly what the histories wrote: every task row was opened
      // by a write the history holds, and ended as the history's last word on it.
      const written = new Map<string, string>();
      for (const history of runs) for (const item of writtenProjections(history)) if (item.write === 'openTask' || item.write === 'closeTask') written.set(item.args.taskId, item.write === 'openTask' ? 'open' : item.args.status);
      const rows = await database.db.select({ id: tasks.id, status: tasks.status }).from(tasks).where(eq(tasks.caseId, caseId));
      expect(new Map(rows.map((r) => [r.id, r.status]))).toEqual(written);
      for (const [run, history] of runs.entries()) {
        for (const e of history.events ?? []) if (e.workflowTaskCompletedEventAttributes?.identity) deciders.add(e.workflowTaskCompletedEventAttributes.identity);
        const failedTasks = (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
        expect(failedTasks.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
        await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: `${handle.workflowId} run ${run + 1}` }, history)).resolves.toBeUndefined();
        // Recorded under the second-officer stage: case 1 countersigned (the files concurrent-a6-1/2 are from before it, kept).
        if (index < 2) recordHistory(history, `concurrent-a6-countersign-${index + 1}`, run + 1);
      }
    }
    // Both workers decided workflow tasks: the cache-less one rebuilt cases from history.
    expect(deciders.size).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
