// Fault soak (not a test): A6 cases driven through the API by scripted people while
// the worker is killed and restarted, PostgreSQL and the Temporal dev server restart.
//   npm run soak [-- --cases 30 --kills 40 --graceful 10 --pg-restarts 3 --temporal-restarts 1 --seed 1
//                    --panel 3 --max-minutes 20 --stuck-after 120 --min-gap 2 --max-gap 8 --person-timeout 60]
// Processes: this one (the people, the fault schedule, the checks), the API
// (api-process.ts, the real app, on a fixed port) and the case worker
// (worker-process.ts: createCaseWorker on a pre-built bundle), each supervised and
// started again whenever it exits; the Temporal CLI dev server on a SQLite file; the
// PostgreSQL cluster run.sh started. Then it checks and prints:
//   - every case reached its expected end (completed after its three support years), or
//     is stuck (no end when the cases stopped moving): its stage and open tasks;
//   - each payment instruction exists once (by key; by case, support year and component);
//   - every recorded run of every case replays under the current workflow code;
//   - every answer people got was true (checked against the cases' histories).
// Writes bench/results/soak-<date>.json. Exits 0 whatever it finds: the figures are the result.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createTokenService } from '../../api/auth.js';
import { caseSettingsPatch } from '../../api/notice-rules.js';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { workflowInterceptorModules, workflowsPath } from '../../worker/create-worker.js';
import type { ApiProcessConfig } from './api-process.js';
import { bundleToFile, duration, numberArg, parseArgs, percentile, pool, Progress, round, runInfo, sleep, writeResults } from './lib.js';
import { a6Application, PROGRAM, seedOffice, startOffice } from './office-setup.js';
import { describeStuck, eventTimeMs, historiesOf, judgeAnswers, paymentFigures, readModelFigures, recordedDecisions, replayAll } from './soak-checks.js';
import type { StuckCase } from './soak-checks.js';
import { Desk } from './soak-desk.js';
import { faultPlan, injectFaults, seededRandom } from './soak-faults.js';
import type { FaultKind, FaultRecord } from './soak-faults.js';
import { PostgresCluster, Supervised, TemporalDevServer } from './soak-processes.js';
import type { WorkerProcessConfig } from './worker-process.js';

const args = parseArgs(process.argv.slice(2));
const CASES = numberArg(args, 'cases', 30);
const FAULTS: Record<FaultKind, number> = {
  'worker-kill': numberArg(args, 'kills', 40),
  'worker-sigterm': numberArg(args, 'graceful', 10),
  'postgres-restart': numberArg(args, 'pg-restarts', 3),
  'temporal-restart': numberArg(args, 'temporal-restarts', 1),
};
const SEED = numberArg(args, 'seed', 1);
const PANEL = numberArg(args, 'panel', 3);
const EXPERTS = numberArg(args, 'experts', Math.max(15, PANEL * 3));
const MAX_MINUTES = numberArg(args, 'max-minutes', 20);
/** Once the faults are over, the cases that have not moved for this long are stuck. */
const STUCK_AFTER_S = numberArg(args, 'stuck-after', 120);
const MIN_GAP_S = numberArg(args, 'min-gap', 2);
/** A fault falls due anyway once no decision has been made for this long (cases stuck). */
const MAX_GAP_S = numberArg(args, 'max-gap', 8);
const PERSON_TIMEOUT_S = numberArg(args, 'person-timeout', 60);
/**
 * Decisions per A6 case of three support years: year 1 formal review, each expert's
 * declaration and scores, committee, two payment components; years 2 and 3 report,
 * verification, committee, two payment components.
 */
const DECISIONS_PER_CASE = 4 + 2 * PANEL + 2 * 5;
const EXPECTED_END = { status: 'completed', supportYear: 3 };
const TARGETS = { stuck: 0, paidTwice: 0, unreplayable: 0, untrueAnswers: 0 };
/** Time kept at the end for the checks (histories, replay, queries). */
const CHECK_RESERVE_MS = 4 * 60_000;
const TASK_QUEUE = 'soak-cases';
const SETTINGS = {
  taskDue: '1 day',
  escalationStep: '1 day',
  correctionPeriod: '1 day',
  expertDeclarationPeriod: '1 day',
  expertScoringPeriod: '1 day',
  noticePeriod: '1s',
  panelSize: PANEL,
  paymentAttempts: 3,
};
caseSettingsPatch.parse(SETTINGS);

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is unset: run through `npm run soak`, which starts PostgreSQL');
const postgres = PostgresCluster.fromEnvironment();
if (!postgres && FAULTS['postgres-restart'] > 0) throw new Error('PostgreSQL restarts need the cluster `npm run soak` starts (PG_TEST_DIR, PG_BINDIR); with your own DATABASE_URL pass --pg-restarts 0');
const log = (line: string) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
// The replay worker and the dev server's runtime: warnings of replays that fail are counted, not printed.
Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });

const freePort = async (): Promise<number> => {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
};

async function main(): Promise<void> {
  const info = runInfo();
  const startedAt = Date.now();
  const deadline = startedAt + MAX_MINUTES * 60_000;
  const plan = faultPlan(FAULTS, seededRandom(SEED));
  console.log(`fault soak — ${CASES} A6 cases (panel of ${PANEL}), faults: ${FAULTS['worker-kill']} worker kills, ${FAULTS['worker-sigterm']} graceful worker restarts, ${FAULTS['postgres-restart']} PostgreSQL restarts, ${FAULTS['temporal-restart']} Temporal restarts; seed ${SEED}; at most ${MAX_MINUTES} min`);

  const scratch = mkdtempSync(join(os.tmpdir(), 'soak-'));
  const database = await openDatabase({ url: url!, maxConnections: 4 });
  await migrateDatabase(database);
  const { db } = database;
  const secret = randomBytes(32).toString('hex');
  const people = await seedOffice(db, createTokenService(secret), { prefix: 'soak', enterprises: CASES, experts: EXPERTS, settings: SETTINGS });
  log('bundling the workflows …');
  const bundlePath = await bundleToFile(workflowsPath, 'case-workflows.js', workflowInterceptorModules);

  const temporal = new TemporalDevServer(await freePort(), join(scratch, 'temporal.sqlite'));
  const apiConfig: ApiProcessConfig = { temporalAddress: temporal.address, taskQueue: TASK_QUEUE, secret, port: await freePort() };
  const workerConfig: WorkerProcessConfig = { kind: 'case', temporalAddress: temporal.address, taskQueue: TASK_QUEUE, bundlePath, tuning: {} };
  // The processes' own logs (every activity retried while PostgreSQL restarts, every failed workflow task) are kept apart.
  const logDir = mkdtempSync(join(os.tmpdir(), 'soak-logs-'));
  const apiLog = openSync(join(logDir, 'api.log'), 'a');
  const workerLog = openSync(join(logDir, 'worker.log'), 'a');
  const api = new Supervised('API', join(import.meta.dirname, 'api-process.ts'), { BENCH_API_CONFIG: JSON.stringify(apiConfig) }, log, apiLog);
  const worker = new Supervised('worker', join(import.meta.dirname, 'worker-process.ts'), { BENCH_WORKER_CONFIG: JSON.stringify(workerConfig) }, log, workerLog);
  let connection: Connection | undefined;
  let office: ReturnType<typeof startOffice> | undefined;
  let stopping = false;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => (cleaning ??= stopEverything());
  const stopEverything = async () => {
    stopping = true;
    // The children first (and at once: on Ctrl-C they have had the signal too, and must not be started again).
    await Promise.all([worker.stop(5_000), api.stop(5_000), office ? Promise.race([office.stop(), sleep(5_000)]).catch(() => {}) : undefined]);
    await connection?.close().catch(() => {});
    await temporal.stop().catch(() => {});
    await database.close().catch(() => {});
    closeSync(apiLog);
    closeSync(workerLog);
    rmSync(scratch, { recursive: true, force: true });
    rmSync(join(bundlePath, '..'), { recursive: true, force: true });
  };
  // Ctrl-C: stop every process this one started (run.sh then removes PostgreSQL).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping every process the soak started …`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    await temporal.start();
    connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection });
    await Promise.all([api.start(), worker.start()]);
    const apiUrl = `http://127.0.0.1:${apiConfig.port}`;
    log(`Temporal on ${temporal.address}, API on ${apiUrl}, worker pid ${worker.pid}`);

    // The people, over a desk that retries and records.
    const driveDeadline = deadline - CHECK_RESERVE_MS;
    const desk = new Desk({ timeoutMs: PERSON_TIMEOUT_S * 1000, deadline: () => (stopping ? 0 : driveDeadline) });
    const officeErrors = new Map<string, number>();
    office = startOffice(apiUrl, db, people, {
      transport: desk.transport,
      retryTaskAfterMs: 2_000,
      onError: (message) => {
        const key = message.replace(/[\w-]*\d[\w:-]*/g, '…').slice(0, 100);
        officeErrors.set(key, (officeErrors.get(key) ?? 0) + 1);
        if (officeErrors.get(key) === 1) log(`office: ${message.split('\n')[0]!.slice(0, 300)}`);
      },
    });
    const stats = office.office.stats;
    const stamp = Date.now().toString(36);
    const caseIds = Array.from({ length: CASES }, (_, i) => `soak-${stamp}-${i + 1}`);
    const ended = new Map<string, unknown>();
    /** Seconds from the start of driving to each case's end, as the watcher saw it (every 2 s). */
    const endedAfter: number[] = [];
    let lastProgressAt = performance.now();
    let lastProgressCount = 0;
    const drivingStarted = performance.now();

    const submitting = pool(caseIds, 5, async (id, i) => {
      const reply = await desk.send(apiUrl, people.applicants[i]!, { method: 'POST', path: '/applications', body: a6Application(id), idempotencyKey: id }, { intent: id, kind: 'application', caseId: id }).catch((error: unknown) => ({ status: 0, json: String(error), ms: 0 }));
      if (reply.status !== 201) log(`application ${id}: ${reply.status} ${JSON.stringify(reply.json).slice(0, 200)}`);
    });

    // Which cases have ended: Temporal's word, not the read model's.
    const watching = (async () => {
      while (!stopping && ended.size < CASES) {
        await pool(
          caseIds.filter((id) => !ended.has(id)),
          8,
          async (id) => {
            try {
              const handle = client.workflow.getHandle(`case-${id}`);
              const { status } = await handle.describe();
              if (status.name !== 'RUNNING' && !ended.has(id)) {
                ended.set(id, status.name === 'COMPLETED' ? await handle.result() : { workflowStatus: status.name });
                endedAfter.push(round((performance.now() - drivingStarted) / 1000, 1));
              }
            } catch {
              // Not started yet, or Temporal is restarting.
            }
          },
        );
        const progress = stats.decisions.length + ended.size;
        if (progress !== lastProgressCount) {
          lastProgressCount = progress;
          lastProgressAt = performance.now();
        }
        await sleep(2_000);
      }
    })();

    const faults: FaultRecord[] = [];
    const progress = new Progress('soak (decisions)', CASES * DECISIONS_PER_CASE, () => Math.min(CASES * DECISIONS_PER_CASE, stats.decisions.length), () => `${ended.size}/${CASES} ended · ${faults.length}/${plan.length} faults`).start();
    const injecting = injectFaults(
      plan,
      faults,
      { decisionsPerFault: Math.max(1, Math.floor((CASES * DECISIONS_PER_CASE) / (plan.length + 1))), minGapMs: MIN_GAP_S * 1000, maxGapMs: MAX_GAP_S * 1000 },
      { decisions: () => stats.decisions.length, allEnded: () => ended.size === CASES, stopped: () => stopping || Date.now() > driveDeadline, startedAt: drivingStarted },
      async (kind) => {
        if (kind === 'worker-kill') await worker.kill();
        else if (kind === 'worker-sigterm') await worker.restartGracefully(60_000);
        else if (kind === 'postgres-restart') await postgres!.restart();
        else await temporal.restart();
      },
      log,
    );

    // Drive until every case has ended, or nothing has moved for STUCK_AFTER_S once the faults are over, or time is up.
    let faultsDone = false;
    void injecting.then(() => (faultsDone = true));
    let endReason = 'every case ended';
    for (;;) {
      await sleep(1_000);
      if (faultsDone && ended.size === CASES) break;
      if (Date.now() > driveDeadline) {
        endReason = `time is up (${MAX_MINUTES} min less ${CHECK_RESERVE_MS / 60_000} for the checks)`;
        break;
      }
      if (faultsDone && (performance.now() - lastProgressAt) / 1000 > STUCK_AFTER_S) {
        endReason = `no case moved for ${STUCK_AFTER_S} s after the last fault`;
        break;
      }
    }
    const driveMs = performance.now() - drivingStarted;
    progress.stop();
    log(`driving ended: ${endReason}`);
    stopping = true;
    await injecting;
    const injected = faults;
    await submitting;
    await watching;
    await office.stop();
    office = undefined;
    // Nothing changes under the checks: the worker finishes what it holds and stops.
    await worker.stop(30_000);
    await api.stop(5_000);

    // Checks.
    log('checking: histories of every run …');
    const workflowIds = caseIds.map((id) => `case-${id}`);
    const histories = await historiesOf(client, workflowIds);
    const decisions = [...histories].flatMap(([id, runs]) => recordedDecisions(id, runs));
    const startedCases = new Map(caseIds.flatMap((id) => (histories.get(`case-${id}`)?.length ? [[id, eventTimeMs(histories.get(`case-${id}`)![0]!.events?.[0])] as const] : [])));
    log(`checking: replaying ${[...histories.values()].reduce((n, runs) => n + runs.length, 0)} runs …`);
    const replay = await replayAll(bundlePath, histories);
    const payments = await paymentFigures(db, caseIds);
    const answers = judgeAnswers(desk.answers, decisions, startedCases);
    // Every answer, for reading later (too many for the results file).
    writeFileSync(join(logDir, 'answers.json'), JSON.stringify(desk.answers));
    const readModel = await readModelFigures(db, caseIds, decisions);

    const endings: Record<string, number> = {};
    const wrongEnds: { caseId: string; end: unknown }[] = [];
    for (const id of caseIds) {
      const end = ended.get(id) as { status?: string; supportYear?: number; workflowStatus?: string } | undefined;
      if (!end) continue;
      const label = end.status ? `${end.status} (year ${end.supportYear})` : (end.workflowStatus ?? 'unknown');
      endings[label] = (endings[label] ?? 0) + 1;
      if (end.status !== EXPECTED_END.status || end.supportYear !== EXPECTED_END.supportYear) wrongEnds.push({ caseId: id, end });
    }
    const caseSeconds = { p50: percentile(endedAfter, 50), max: Math.max(0, ...endedAfter) };
    const stuck: StuckCase[] = [];
    for (const id of caseIds.filter((c) => !ended.has(c))) stuck.push(await describeStuck(db, client, id, histories.get(`case-${id}`)?.at(-1)));
    const notStarted = caseIds.filter((id) => !startedCases.has(id)).length;

    // Figures.
    const paidTwice = payments.paidTwice.length + payments.keysTwice;
    const eventsPerRun = [...histories.values()].flat().map((h) => h.events?.length ?? 0);
    console.log('');
    console.log(`driven for ${duration(driveMs)} (${endReason}); ${stats.decisions.length} decisions accepted, ${stats.inboxReads} inbox reads`);
    console.log(`faults injected: ${describeFaults(injected)}${injected.length < plan.length ? ` — ${plan.length - injected.length} of ${plan.length} not injected (time was up)` : ''}`);
    console.log(`  recovery (fault → process ready): worker kill max ${maxOf(injected, 'worker-kill')} ms, SIGTERM max ${maxOf(injected, 'worker-sigterm')} ms, PostgreSQL max ${maxOf(injected, 'postgres-restart')} ms, Temporal max ${maxOf(injected, 'temporal-restart')} ms; worker starts ${worker.events.starts}, crashes ${worker.events.unexpectedExits}, SIGTERM not obeyed ${worker.events.gracefulTimeouts}; API crashes ${api.events.unexpectedExits}`);
    console.log(`ends: ${JSON.stringify(endings)}; expected ${EXPECTED_END.status} after year ${EXPECTED_END.supportYear}: ${CASES - wrongEnds.length - stuck.length - notStarted}/${CASES}${wrongEnds.length ? `; other ends: ${wrongEnds.map((w) => `${w.caseId} ${JSON.stringify(w.end)}`).join('; ')}` : ''}${notStarted ? `; never started: ${notStarted}` : ''}; time to the end p50 ${caseSeconds.p50} s, max ${caseSeconds.max} s`);
    console.log(`stuck: ${stuck.length}`);
    for (const s of stuck) {
      console.log(`  ${s.caseId}: stage ${s.stage} (year ${s.supportYear ?? '?'}), workflow ${s.workflowStatus}; open tasks: ${s.openTasks.join(', ') || 'none'}${s.pendingActivities.length ? `; activities: ${s.pendingActivities.join('; ')}` : ''}${s.lastWorkflowTaskFailure ? `; last workflow task failure: ${s.lastWorkflowTaskFailure}` : ''}`);
    }
    console.log(`payment instructions: ${payments.instructions} ${JSON.stringify(payments.byStatus)}; the same key twice: ${payments.keysTwice}; the same case, year and component twice: ${payments.paidTwice.length}`);
    for (const p of payments.paidTwice.slice(0, 10)) console.log(`  ${p.caseId} year ${p.supportYear} ${p.component}: ${p.rows} instructions`);
    console.log(`replay: ${replay.unreplayable} of ${replay.runs} runs do not replay under the current code`);
    for (const f of replay.failures) console.log(`  ${f.workflowId} run ${f.run}: ${f.error}`);
    console.log(`answers: ${answers.answers} to ${answers.intents} decisions and applications, by status ${JSON.stringify(answers.byStatus)}; untrue: ${answers.untrue}; took effect but never answered so: ${answers.tookEffectUnanswered}; tasks decided twice: ${answers.decidedTwice}`);
    for (const [kind, n] of Object.entries(answers.untrueByKind)) console.log(`  ${n} × ${kind}`);
    for (const a of answers.untrueExamples.slice(0, 6)) console.log(`    e.g. ${a.person} ${a.path} try ${a.attempt} → ${a.status}: ${a.detail.slice(0, 160)} (really: ${a.truth})`);
    console.log(`read model against the histories: ${readModel.decidedButOpen} decided tasks still open, ${readModel.closedWithoutDecision} closed without a decision`);
    for (const e of readModel.examples.slice(0, 6)) console.log(`  ${e}`);
    console.log(`inbox and case reads not answered or 5xx (retried): ${JSON.stringify(desk.failedReads)}`);
    const results = { stuck: stuck.length, paidTwice, unreplayable: replay.unreplayable, untrueAnswers: answers.untrue };
    const met = (Object.keys(TARGETS) as (keyof typeof TARGETS)[]).every((k) => results[k] <= TARGETS[k]) && wrongEnds.length === 0 && notStarted === 0 && injected.length === plan.length;
    console.log(`targets (0 stuck, 0 paid twice, 0 unreplayable, 0 untrue answers, every case at its expected end, every fault injected): ${met ? 'met' : 'MISSED'} — ${JSON.stringify(results)}`);

    const file = writeResults('soak', info.date, {
      ...info,
      benchmark: 'soak',
      command: `npm run soak -- ${process.argv.slice(2).join(' ')}`.trim(),
      setup: {
        cases: CASES,
        program: PROGRAM,
        panelSize: PANEL,
        experts: EXPERTS,
        seed: SEED,
        faults: FAULTS,
        faultOrder: plan,
        settings: SETTINGS,
        maxMinutes: MAX_MINUTES,
        stuckAfterSeconds: STUCK_AFTER_S,
        personTimeoutSeconds: PERSON_TIMEOUT_S,
        processes: 'this process: scripted people (retrying on 5xx, no answer or timeout), fault schedule, checks; child: the API (real app, fixed port); child: the case worker (createCaseWorker, pre-built bundle); Temporal CLI dev server on a SQLite file; PostgreSQL (pg_ctl restart -m fast)',
      },
      driveSeconds: round(driveMs / 1000, 1),
      endReason,
      decisionsAccepted: stats.decisions.length,
      faults: injected,
      processes: { worker: worker.events, api: api.events, temporalRestarts: temporal.restarts, postgresRestarts: postgres?.restarts ?? 0 },
      endings,
      secondsToEnd: caseSeconds,
      wrongEnds,
      notStarted,
      stuck,
      payments,
      replay,
      answers,
      readModel,
      failedReads: desk.failedReads,
      officeErrors: Object.fromEntries(officeErrors),
      eventsPerRun: { runs: eventsPerRun.length, mean: round(eventsPerRun.reduce((a, b) => a + b, 0) / Math.max(1, eventsPerRun.length), 1), max: Math.max(0, ...eventsPerRun) },
      results,
      targets: { ...TARGETS, met },
      totalSeconds: round((Date.now() - startedAt) / 1000, 1),
    });
    console.log(`written ${file} (${duration(Date.now() - startedAt)} in all); the API's and workers' logs and every answer: ${logDir}`);
  } finally {
    await cleanUp();
  }
}

function describeFaults(records: readonly FaultRecord[]): string {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  const idle = records.filter((r) => r.afterAllEnded).length;
  const failed = records.filter((r) => r.error).length;
  return `${Object.entries(counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')}${idle ? ` (${idle} after every case had ended)` : ''}${failed ? `; ${failed} failed to inject` : ''}`;
}

const maxOf = (records: readonly FaultRecord[], kind: FaultKind) => Math.max(0, ...records.filter((r) => r.kind === kind).map((r) => r.recoveryMs));

await main();
