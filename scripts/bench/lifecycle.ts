// Benchmark (not a test): A6 cases through their whole lifecycle, beside a bare baseline.
//   npm run bench:lifecycle [-- --cases 50 --panel 5 --experts 15 --submit-concurrency 10
//                              --cache N --activity-slots N --workflow-slots N --stall 180 --settings '{"noticePeriod":"1s"}']
// On the Temporal dev server and a throwaway PostgreSQL: the API and the case worker
// each in a process of their own, scripted people (scripts/bench/actors.ts) doing
// every human step through the API, short durations in the annual notices.
//   1. calibration: one case end to end; its history (every run) and tasks give the
//      baseline's plan: the same activities, Updates and timers in the same blocks;
//   2. baseline: N bare workflows (scripts/bench/bare-workflow.ts) on their own
//      worker with the same settings, each driven by the same number of client calls;
//   3. measured: N cases, submitted through the API, taken to their close.
// Prints wall time of each, the ratio, cases per minute, decision latency (HTTP call
// to the case's answer: the route returns once the Update's handler has finished),
// history events per case and per support year, and peak worker memory. Writes
// bench/results/lifecycle-<date>.json.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { fileURLToPath } from 'node:url';
import { workflowInterceptorModules, workflowsPath } from '../../worker/create-worker.js';
import { sql } from 'drizzle-orm';
import { createTokenService } from '../../api/auth.js';
import { caseSettingsPatch } from '../../api/notice-rules.js';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import type { Database } from '../../db/client.js';
import { DEFAULT_CASE_SETTINGS } from '../../domain/vocabulary.js';
import { startDevServer } from '../lib/temporal-servers.js';
import { fetchRetrying } from './actors.js';
import type { Person } from './actors.js';
import { a6Application, PROGRAM, seedOffice, startOffice } from './office-setup.js';
import type { People } from './office-setup.js';
import type { ApiProcessConfig } from './api-process.js';
import { describePlan, fetchRuns, planRun, shapeOf } from './bare-plan.js';
import type { DecidedTask, RunHistory, Shape } from './bare-plan.js';
import { stepUpdate } from './bare-workflow.js';
import type { BareInput, BareRun } from './bare-workflow.js';
import { bundleToFile, cpuByProcess, cpuUsedBetween, duration, fmt, forkTs, nextMessage, numberArg, parseArgs, percentile, pool, processMemory, Progress, round, runInfo, sleep, stopChild, writeResults } from './lib.js';
import type { WorkerMessage, WorkerProcessConfig } from './worker-process.js';

const args = parseArgs(process.argv.slice(2));
const CASES = numberArg(args, 'cases', 50);
const PANEL = numberArg(args, 'panel', DEFAULT_CASE_SETTINGS.panelSize);
const EXPERTS = numberArg(args, 'experts', Math.max(15, PANEL * 3));
const SUBMIT_CONCURRENCY = numberArg(args, 'submit-concurrency', 10);
const STALL_SECONDS = numberArg(args, 'stall', 180);
const TUNING: WorkerProcessConfig['tuning'] = {
  ...(args.has('cache') && { maxCachedWorkflows: numberArg(args, 'cache', 0) }),
  ...(args.has('activity-slots') && { maxConcurrentActivityTaskExecutions: numberArg(args, 'activity-slots', 0) }),
  ...(args.has('workflow-slots') && { maxConcurrentWorkflowTaskExecutions: numberArg(args, 'workflow-slots', 0) }),
};
// Short durations: a notice period of a second; due dates far enough never to remind.
const WANTED_SETTINGS: Record<string, unknown> = {
  taskDue: '1 day',
  escalationStep: '1 day',
  correctionPeriod: '1 day',
  expertDeclarationPeriod: '1 day',
  expertScoringPeriod: '1 day',
  noticePeriod: '1s',
  panelSize: PANEL,
  paymentAttempts: 3,
  reportReminderBefore: '1s',
  noticePollInterval: '1s',
  ...(JSON.parse(args.get('settings') ?? '{}') as Record<string, unknown>),
};
// Only what an annual notice may carry today (the API drops a notice's settings it cannot read).
const SETTINGS = Object.fromEntries(Object.entries(WANTED_SETTINGS).filter(([key]) => key in caseSettingsPatch.shape));
const UNSUPPORTED_SETTINGS = Object.keys(WANTED_SETTINGS).filter((key) => !(key in SETTINGS));
const settingsCheck = caseSettingsPatch.safeParse(SETTINGS);
if (!settingsCheck.success) throw new Error(`the notice settings are invalid: ${settingsCheck.error.message}`);
/** --profile: the API and worker processes write V8 CPU profiles (--cpu-prof) to a temporary folder. */
const PROFILE_DIR = args.has('profile') ? mkdtempSync(join(os.tmpdir(), 'bench-lifecycle-prof-')) : undefined;
const profileArgs = (name: string) => (PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', join(PROFILE_DIR, name)] : []);
const TARGET_RATIO = 1.25;
const TARGET_EVENTS_PER_YEAR = 150;
const CASE_QUEUE = 'bench-cases';
const BARE_QUEUE = 'bench-bare';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is unset: run through `npm run bench:lifecycle`, which starts PostgreSQL');
const log = (line: string) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}${line}\n`);

async function submit(apiUrl: string, applicant: Person, applicationId: string): Promise<void> {
  const res = await fetchRetrying(`${apiUrl}/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${applicant.token}`, 'content-type': 'application/json', 'idempotency-key': applicationId },
    body: JSON.stringify(a6Application(applicationId)),
  });
  if (res.status !== 201) throw new Error(`POST /applications ${applicationId}: ${res.status} ${await res.text()}`);
}

/** The scripted office; each error message is printed once. */
function officeOver(apiUrl: string, db: Database, people: People) {
  const errors = new Map<string, number>();
  return startOffice(apiUrl, db, people, {
    onError: (message) => {
      const key = message.slice(0, 80);
      errors.set(key, (errors.get(key) ?? 0) + 1);
      if (errors.get(key) === 1) log(`office: ${message}`);
    },
  });
}

interface WorkerHandle {
  child: ChildProcess;
  peakRssMiB: () => number;
  stop: () => Promise<{ peakRssMiB: number; peakHeapMiB: number; vmHwmMiB: number | undefined }>;
}

const bundles = new Map<'case' | 'bare', string>();
/** Bundles the workflows once, here: the worker processes load the code from a file. */
async function bundle(kind: 'case' | 'bare'): Promise<string> {
  let path = bundles.get(kind);
  if (path) return path;
  path = await bundleToFile(
    kind === 'case' ? workflowsPath : fileURLToPath(new URL('./bare-workflow.ts', import.meta.url)),
    `${kind}-workflows.js`,
    kind === 'case' ? workflowInterceptorModules : [],
  );
  bundles.set(kind, path);
  return path;
}

async function startWorker(kind: 'case' | 'bare', temporalAddress: string): Promise<WorkerHandle> {
  const config: WorkerProcessConfig = { kind, temporalAddress, taskQueue: kind === 'case' ? CASE_QUEUE : BARE_QUEUE, bundlePath: await bundle(kind), tuning: TUNING };
  const child = forkTs(join(import.meta.dirname, 'worker-process.ts'), { BENCH_WORKER_CONFIG: JSON.stringify(config) }, profileArgs(`worker-${kind}`));
  let peakRss = 0;
  let peakHeap = 0;
  child.on('message', (m: WorkerMessage) => {
    if (m.kind === 'memory') {
      peakRss = Math.max(peakRss, m.rssMiB);
      peakHeap = Math.max(peakHeap, m.heapUsedMiB);
    }
  });
  await nextMessage(child, (m): m is WorkerMessage => (m as WorkerMessage).kind === 'ready');
  return {
    child,
    peakRssMiB: () => peakRss,
    stop: async () => {
      const vmHwm = child.pid ? processMemory(child.pid)?.peakRssMiB : undefined;
      await stopChild(child);
      return { peakRssMiB: round(peakRss), peakHeapMiB: round(peakHeap), vmHwmMiB: vmHwm };
    },
  };
}

/** Waits for every case to close, with a progress line and a stall guard. */
async function awaitAll(
  client: Client,
  label: string,
  workflowIds: string[],
  lastActivity: () => number,
  extra: () => string,
  describeStall: () => Promise<string>,
  started: (id: string) => Promise<void> = async () => {},
  steps?: { total: number; done: () => number; unit: string },
): Promise<Map<string, unknown>> {
  let done = 0;
  const results = new Map<string, unknown>();
  // Cases move in step, so few close before the end: progress counts their steps (Updates) when it can.
  const progress = (
    steps
      ? new Progress(`${label} (${steps.unit})`, steps.total, () => Math.min(steps.total, steps.done()), () => `${done}/${workflowIds.length} closed`)
      : new Progress(label, workflowIds.length, () => done, extra)
  ).start();
  let stalled: string | undefined;
  let lastDone = performance.now();
  const guard = setInterval(() => {
    const quietFor = (performance.now() - Math.max(lastDone, lastActivity())) / 1000;
    if (quietFor > STALL_SECONDS && !stalled) {
      stalled = `no progress for ${Math.round(quietFor)} s`;
    }
  }, 1000);
  try {
    await Promise.race([
      Promise.all(
        workflowIds.map(async (id) => {
          await started(id);
          results.set(id, await client.workflow.getHandle(id).result());
          done += 1;
          lastDone = performance.now();
        }),
      ),
      (async () => {
        for (;;) {
          if (done === workflowIds.length) return;
          if (stalled) throw new Error(`${label}: ${stalled} (${done}/${workflowIds.length} closed). ${await describeStall()}`);
          await sleep(500);
        }
      })(),
    ]);
  } finally {
    clearInterval(guard);
    progress.stop();
  }
  return results;
}

async function decidedTasks(db: Database, caseId: string): Promise<DecidedTask[]> {
  const rows = await db.execute<{ id: string; assignee: string | null; subject: string | null; created_at: string; closed_at: string }>(
    sql`select id, assignee, subject, created_at, closed_at from tasks where case_id = ${caseId} and status = 'done' order by created_at`,
  );
  return (rows as unknown as { id: string; assignee: string | null; subject: string | null; created_at: string; closed_at: string }[]).map((r) => ({
    id: r.id,
    assignee: r.assignee,
    subject: r.subject,
    createdAt: new Date(r.created_at),
    closedAt: new Date(r.closed_at),
  }));
}

/** The last events of a workflow, with any failure, to say why it does not move. */
async function historyTail(client: Client, workflowId: string): Promise<string> {
  try {
    const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const tail = events.slice(-12).map((e) => {
      const name = Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k]) ?? 'event';
      const failure = e.workflowTaskFailedEventAttributes?.failure?.message ?? e.activityTaskFailedEventAttributes?.failure?.message;
      const detail = failure ?? e.activityTaskScheduledEventAttributes?.activityType?.name ?? (e.timerStartedEventAttributes ? `${tsToMs(e.timerStartedEventAttributes.startToFireTimeout ?? {})} ms` : undefined);
      return `${name.replace('EventAttributes', '')}${detail ? ` (${detail})` : ''}`;
    });
    return `${workflowId}: … ${tail.join(', ')}`;
  } catch (error) {
    return `${workflowId}: ${String(error)}`;
  }
}

async function openTaskSummary(db: Database): Promise<string> {
  const rows = await db.execute<{ kind: string; role: string; n: number }>(sql`select kind, role, count(*)::int as n from tasks where status = 'open' group by kind, role order by n desc`);
  const list = (rows as unknown as { kind: string; role: string; n: number }[]).map((r) => `${r.n} ${r.kind} (${r.role})`).join(', ');
  return `Open tasks: ${list || 'none'}.`;
}

async function supportYearsPaid(db: Database, caseIds: string[]): Promise<number> {
  const rows = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select distinct case_id, support_year from payments where status = 'paid' and case_id in ${sql.raw(`(${caseIds.map((id) => `'${id}'`).join(',')})`)}) y`,
  );
  return (rows as unknown as { n: number }[])[0]?.n ?? 0;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const statsOf = (values: number[]) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), p99: round(percentile(values, 99)), count: values.length });

async function historiesOf(client: Client, workflowIds: string[], label: string): Promise<Map<string, RunHistory[]>> {
  const histories = new Map<string, RunHistory[]>();
  const progress = new Progress(label, workflowIds.length, () => histories.size).start();
  await pool(workflowIds, 16, async (id) => {
    histories.set(id, await fetchRuns(client, id));
  });
  progress.stop();
  return histories;
}

function sumShapes(shapes: Shape[]): Shape & { runs: number } {
  const total = { events: 0, activities: 0, localActivities: 0, updates: 0, timersStarted: 0, timersFired: 0, workflowTasks: 0, workflowTasksFailed: 0, workflowTasksTimedOut: 0, runs: 0 };
  for (const s of shapes) for (const k of Object.keys(s) as (keyof Shape)[]) total[k] += s[k];
  return total;
}

/** Who used the CPU during a phase: the machine is shared by all of these. */
function processGroups(workerPid: number | undefined, apiPid: number | undefined) {
  return (pid: number, comm: string): string | undefined => {
    if (pid === workerPid) return 'worker';
    if (pid === apiPid) return 'API';
    if (pid === process.pid) return 'office+client';
    if (comm === 'temporal') return 'Temporal';
    if (comm.startsWith('postgres')) return 'PostgreSQL';
    // Kernel threads (network, memory reclaim) work for all of the above.
    if (/^(kworker|ksoftirqd|rcu_|kdamond|kswapd)/.test(comm)) return 'kernel';
    return 'other';
  };
}

const describeCpu = (used: Record<string, number>): string =>
  Object.entries(used)
    .sort((a, b) => b[1] - a[1])
    .map(([group, seconds]) => `${group} ${seconds}`)
    .join(', ');

async function main(): Promise<void> {
  const info = runInfo();
  console.log(`lifecycle benchmark — ${CASES} A6 cases, panel of ${PANEL} from ${EXPERTS} experts; worker tuning ${JSON.stringify(TUNING)}; node ${process.version}, ${info.cpuCount} CPUs`);
  console.log(`notice settings: ${JSON.stringify(SETTINGS)}${UNSUPPORTED_SETTINGS.length ? ` (not settable in a notice yet, left to the defaults: ${UNSUPPORTED_SETTINGS.join(', ')})` : ''}`);
  const database = await openDatabase({ url, maxConnections: 4 });
  await migrateDatabase(database);
  const { db } = database;
  const secret = randomBytes(32).toString('hex');
  const tokens = createTokenService(secret);
  const people = await seedOffice(db, tokens, { prefix: 'bench', enterprises: CASES + 1, experts: EXPERTS, settings: SETTINGS });

  const env = await startDevServer();
  const temporalAddress = env.address;
  const client = env.client;
  const apiConfig: ApiProcessConfig = { temporalAddress, taskQueue: CASE_QUEUE, secret };
  const api = forkTs(join(import.meta.dirname, 'api-process.ts'), { BENCH_API_CONFIG: JSON.stringify(apiConfig) }, profileArgs('api'));
  const workers: WorkerHandle[] = [];
  // Ctrl-C: stop the children, the dev server and the database before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping …`);
      for (const child of [api, ...workers.map((w) => w.child)]) child.kill('SIGTERM');
      void env.teardown().finally(() => process.exit(130));
    });
  }
  try {
    const { url: apiUrl } = await nextMessage(api, (m): m is { kind: 'ready'; url: string } => (m as { kind?: string }).kind === 'ready');

    // 1. Calibration: one case end to end (also warms up the API, the worker and the database).
    log('calibration: one case end to end …');
    let worker = await startWorker('case', temporalAddress);
    workers.push(worker);
    let running = officeOver(apiUrl, db, people);
    const calibrationId = `bench-calibration-${Date.now().toString(36)}`;
    await submit(apiUrl, people.applicants[CASES]!, calibrationId);
    const calibrationResult = await awaitAll(client, 'calibration', [`case-${calibrationId}`], () => running.office.stats.lastProgressAt, () => '', async () => `${await openTaskSummary(db)} ${await historyTail(client, `case-${calibrationId}`)}`);
    await running.stop();
    await worker.stop();
    const unloadedDecisionMs = statsOf(running.office.stats.decisions.map((d) => d.ms));
    const calibrationRuns = await fetchRuns(client, `case-${calibrationId}`);
    const decided = await decidedTasks(db, calibrationId);
    const plan: BareRun[] = calibrationRuns.map((run) => planRun(run.events, decided));
    const caseShape = shapeOf(calibrationRuns);
    console.log(`calibration case: ${JSON.stringify(calibrationResult.get(`case-${calibrationId}`))}; decisions alone on the system: p50 ${unloadedDecisionMs.p50} ms, p95 ${unloadedDecisionMs.p95} ms`);
    console.log(`  ${calibrationRuns.length} run(s), ${caseShape.events} events: ${caseShape.activities} activities, ${caseShape.localActivities} local activities, ${caseShape.updates} Updates, ${caseShape.timersStarted} timers (${caseShape.timersFired} fired), ${caseShape.workflowTasks} workflow tasks`);
    console.log(`  baseline plan (l = no-op local activities, a = no-op activities, U = an Update answered by one more activity):\n  ${describePlan(plan).replace(/\n/g, '\n  ')}`);

    // 2. Baseline: bare workflows of the same shape, driven straight through the Temporal client.
    worker = await startWorker('bare', temporalAddress);
    workers.push(worker);
    const bareIds = Array.from({ length: CASES }, (_, i) => `bench-bare-${Date.now().toString(36)}-${i + 1}`);
    const bareLatencies: number[] = [];
    let bareLast = performance.now();
    const bareCpuBefore = cpuByProcess();
    const bareStart = performance.now();
    const drivers: Promise<void>[] = [];
    await pool(bareIds, SUBMIT_CONCURRENCY, async (id) => {
      const input: BareInput = { runs: plan, run: 0 };
      const handle = await client.workflow.start('bareCaseWorkflow', { taskQueue: BARE_QUEUE, workflowId: id, args: [input] });
      drivers.push(
        (async () => {
          for (const [r, run] of plan.entries()) {
            for (const [b, block] of run.blocks.entries()) {
              await Promise.all(
                block.lanes.map(async (lane, l) => {
                  for (const s of lane.steps.keys()) {
                    for (let attempt = 1; ; attempt += 1) {
                      const started = performance.now();
                      try {
                        await client.workflow.getHandle(id).executeUpdate(stepUpdate, { args: [{ run: r, block: b, lane: l, step: s }] });
                        bareLatencies.push(performance.now() - started);
                        bareLast = performance.now();
                        break;
                      } catch (error) {
                        // A retry of a step whose first send did land (the answer was lost under load):
                        // the step is done, and the run may have moved on.
                        const message = error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error);
                        const laterRun = /this is run (\d+), not (\d+)/.exec(message);
                        if (/step already done/.test(message) || (laterRun && Number(laterRun[1]) > Number(laterRun[2]))) break;
                        // Sent while the run continued as new: send it again, to the next run.
                        if (attempt >= 1200) throw error;
                        await sleep(50);
                      }
                    }
                  }
                }),
              );
            }
          }
        })(),
      );
      void handle;
    });
    const updatesPerCase = caseShape.updates;
    await awaitAll(client, 'baseline', bareIds, () => bareLast, () => '', () => historyTail(client, bareIds[0]!), undefined, {
      total: CASES * updatesPerCase,
      done: () => bareLatencies.length,
      unit: 'updates',
    });
    await Promise.all(drivers);
    const bareWallMs = performance.now() - bareStart;
    const bareCpu = cpuUsedBetween(bareCpuBefore, cpuByProcess(), processGroups(worker.child.pid, api.pid));
    const bareMemory = await worker.stop();
    const bareHistories = await historiesOf(client, bareIds, 'baseline histories');
    const bareShape = sumShapes([...bareHistories.values()].map((runs) => ({ ...shapeOf(runs), runs: runs.length })));

    // 3. Measured: N cases through the API by the scripted office.
    worker = await startWorker('case', temporalAddress);
    workers.push(worker);
    running = officeOver(apiUrl, db, people);
    const stamp = Date.now().toString(36);
    const caseIds = Array.from({ length: CASES }, (_, i) => `bench-${stamp}-${i + 1}`);
    const measuredCpuBefore = cpuByProcess();
    const measuredStart = performance.now();
    const submitLatencies: number[] = [];
    const submitted = new Map(caseIds.map((id) => [`case-${id}`, deferred()]));
    const submitting = pool(caseIds, SUBMIT_CONCURRENCY, async (id, i) => {
      const started = performance.now();
      await submit(apiUrl, people.applicants[i]!, id);
      submitLatencies.push(performance.now() - started);
      submitted.get(`case-${id}`)!.resolve();
    });
    const office = running.office;
    const results = await awaitAll(
      client,
      'measured',
      caseIds.map((id) => `case-${id}`),
      () => office.stats.lastProgressAt,
      () => `${office.stats.decisions.length} decisions`,
      async () => `${await openTaskSummary(db)} ${await historyTail(client, `case-${caseIds[0]}`)}`,
      (id) => submitted.get(id)!.promise,
      { total: CASES * updatesPerCase, done: () => office.stats.decisions.length, unit: 'decisions' },
    );
    await submitting;
    const measuredWallMs = performance.now() - measuredStart;
    const measuredCpu = cpuUsedBetween(measuredCpuBefore, cpuByProcess(), processGroups(worker.child.pid, api.pid));
    await running.stop();
    const caseMemory = await worker.stop();
    const statuses: Record<string, number> = {};
    for (const r of results.values()) {
      const status = (r as { status?: string }).status ?? 'unknown';
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    const caseHistories = await historiesOf(client, caseIds.map((id) => `case-${id}`), 'case histories');
    const measuredShape = sumShapes([...caseHistories.values()].map((runs) => ({ ...shapeOf(runs), runs: runs.length })));
    const years = await supportYearsPaid(db, caseIds);
    // Events by run: run 1 is the application year, each later run one more support year.
    const byRun: number[][] = [];
    for (const runs of caseHistories.values()) runs.forEach((run, i) => (byRun[i] ??= []).push(run.events.length));
    const eventsByRun = byRun.map((counts) => round(counts.reduce((a, b) => a + b, 0) / counts.length, 1));

    // Figures.
    const ratio = round(measuredWallMs / bareWallMs, 2);
    const decisionMs = office.stats.decisions.map((d) => d.ms);
    const byKind: Record<string, ReturnType<typeof statsOf>> = {};
    for (const kind of new Set(office.stats.decisions.map((d) => d.kind))) byKind[kind] = statsOf(office.stats.decisions.filter((d) => d.kind === kind).map((d) => d.ms));
    const eventsPerCase = round(measuredShape.events / CASES, 1);
    const eventsPerYear = round(measuredShape.events / Math.max(1, years), 1);
    const measured = {
      wallSeconds: round(measuredWallMs / 1000, 1),
      casesPerMinute: round(CASES / (measuredWallMs / 60_000), 1),
      statuses,
      decisionLatencyMs: statsOf(decisionMs),
      decisionLatencyByKindMs: byKind,
      submitLatencyMs: statsOf(submitLatencies),
      decisions: decisionMs.length,
      inboxReads: office.stats.inboxReads,
      conflicts409: office.stats.conflicts,
      refused422: office.stats.refused,
      failures: office.stats.failures,
      supportYearsPaid: years,
      eventsPerCase,
      eventsPerSupportYear: eventsPerYear,
      runsPerCase: round(measuredShape.runs / CASES, 2),
      eventsByRun,
      perCase: { activities: round(measuredShape.activities / CASES, 1), localActivities: round(measuredShape.localActivities / CASES, 1), updates: round(measuredShape.updates / CASES, 1), timersStarted: round(measuredShape.timersStarted / CASES, 1), timersFired: round(measuredShape.timersFired / CASES, 1), workflowTasks: round(measuredShape.workflowTasks / CASES, 1), workflowTasksFailed: round(measuredShape.workflowTasksFailed / CASES, 2), workflowTasksTimedOut: round(measuredShape.workflowTasksTimedOut / CASES, 2) },
      worker: caseMemory,
      cpuSeconds: measuredCpu,
    };
    const baseline = {
      wallSeconds: round(bareWallMs / 1000, 1),
      casesPerMinute: round(CASES / (bareWallMs / 60_000), 1),
      updateLatencyMs: statsOf(bareLatencies),
      eventsPerCase: round(bareShape.events / CASES, 1),
      runsPerCase: round(bareShape.runs / CASES, 2),
      perCase: { activities: round(bareShape.activities / CASES, 1), localActivities: round(bareShape.localActivities / CASES, 1), updates: round(bareShape.updates / CASES, 1), timersStarted: round(bareShape.timersStarted / CASES, 1), timersFired: round(bareShape.timersFired / CASES, 1), workflowTasks: round(bareShape.workflowTasks / CASES, 1), workflowTasksFailed: round(bareShape.workflowTasksFailed / CASES, 2), workflowTasksTimedOut: round(bareShape.workflowTasksTimedOut / CASES, 2) },
      worker: bareMemory,
      cpuSeconds: bareCpu,
    };

    console.log('');
    console.log(`${''.padEnd(34)}${'measured'.padStart(18)}${'baseline'.padStart(18)}`);
    const row = (label: string, a: string | number, b: string | number) => console.log(`${label.padEnd(34)}${String(a).padStart(18)}${String(b).padStart(18)}`);
    row('wall time', duration(measuredWallMs), duration(bareWallMs));
    row('cases per minute', fmt(measured.casesPerMinute, 1), fmt(baseline.casesPerMinute, 1));
    row('decision p50 / p95 ms', `${measured.decisionLatencyMs.p50} / ${measured.decisionLatencyMs.p95}`, `${baseline.updateLatencyMs.p50} / ${baseline.updateLatencyMs.p95}`);
    row('history events per case', eventsPerCase, baseline.eventsPerCase);
    row('activities / local / Updates / timers', `${measured.perCase.activities}/${measured.perCase.localActivities}/${measured.perCase.updates}/${measured.perCase.timersStarted}`, `${baseline.perCase.activities}/${baseline.perCase.localActivities}/${baseline.perCase.updates}/${baseline.perCase.timersStarted}`);
    row('workflow tasks failed / timed out', `${measured.perCase.workflowTasksFailed} / ${measured.perCase.workflowTasksTimedOut}`, `${baseline.perCase.workflowTasksFailed} / ${baseline.perCase.workflowTasksTimedOut}`);
    row('peak worker RSS MiB (heap)', `${caseMemory.peakRssMiB} (${caseMemory.peakHeapMiB})`, `${bareMemory.peakRssMiB} (${bareMemory.peakHeapMiB})`);
    console.log(`CPU seconds by process, measured: ${describeCpu(measuredCpu)}; baseline: ${describeCpu(bareCpu)}`);
    console.log(`support years paid: ${years} (${round(years / CASES, 2)} per case); events per support year: ${eventsPerYear} (target ≤ ${TARGET_EVENTS_PER_YEAR}: ${eventsPerYear <= TARGET_EVENTS_PER_YEAR ? 'met' : 'MISSED'}); by run (year): ${eventsByRun.join(', ')}`);
    console.log(`wall-time ratio measured/baseline: ${ratio} (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}); cases closed: ${JSON.stringify(statuses)}`);
    if (office.stats.unknownKinds.size > 0) console.log(`tasks without a scripted action: ${[...office.stats.unknownKinds].join(', ')}`);

    const file = writeResults('lifecycle', info.date, {
      ...info,
      benchmark: 'lifecycle',
      command: `npm run bench:lifecycle -- ${process.argv.slice(2).join(' ')}`.trim(),
      setup: {
        cases: CASES,
        program: PROGRAM,
        panelSize: PANEL,
        experts: EXPERTS,
        people: { officers: people.officers.length, committee: people.committee.length, finance: people.finance.length, experts: people.experts.length, applicants: CASES },
        settings: SETTINGS,
        unsupportedSettings: UNSUPPORTED_SETTINGS,
        workerTuning: TUNING,
        submitConcurrency: SUBMIT_CONCURRENCY,
        processes: 'this process: scripted people and the Temporal client; one child: the API (real app); one child: the worker (case or bare, one at a time); Temporal CLI dev server (in memory); PostgreSQL',
      },
      calibration: { result: calibrationResult.get(`case-${calibrationId}`), decisionLatencyAloneMs: unloadedDecisionMs, runs: calibrationRuns.length, shape: caseShape, plan },
      measured,
      baseline,
      ratio,
      targets: { ratio: TARGET_RATIO, ratioMet: ratio <= TARGET_RATIO, eventsPerSupportYear: TARGET_EVENTS_PER_YEAR, eventsPerSupportYearMet: eventsPerYear <= TARGET_EVENTS_PER_YEAR },
    });
    console.log(`written ${file}`);
  } finally {
    for (const w of workers) await stopChild(w.child);
    await stopChild(api);
    await database.close();
    await env.teardown();
    if (PROFILE_DIR) console.log(`CPU profiles (API, workers): ${PROFILE_DIR}`);
  }
}

await main();
