// Benchmark (not a test): the reviewers' inbox under load, beside a bare baseline.
//   npm run bench:inbox [-- --open 10000 --closed 40000 --seconds 10 --warmup 2 --rounds 2 --connections 50 --profile]
// Seeds open tasks across roles (and their cases, and closed tasks as history) in a
// throwaway PostgreSQL, starts scripts/bench/inbox-server.ts (the real app and a
// baseline route in one process), and loads both with autocannon from this process:
// 50 connections, a warm-up then a measured run per side, sides alternated
// (app, baseline, baseline, app, …). Writes bench/results/inbox-<date>.json.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { cases, tasks, users } from '../../db/schema.js';
import { PROGRAM_CODES } from '../../rules/index.js';
import type { Actor, Role, Stage, TaskKind } from '../../domain/vocabulary.js';
import type { InboxServerConfig, InboxServerReady } from './inbox-server.js';
import { fmt, forkTs, nextMessage, numberArg, parseArgs, Progress, round, runInfo, stopChild, writeResults } from './lib.js';

const args = parseArgs(process.argv.slice(2));
const OPEN = numberArg(args, 'open', 10_000);
const CLOSED = numberArg(args, 'closed', 40_000);
const SECONDS = numberArg(args, 'seconds', 10);
const WARMUP = numberArg(args, 'warmup', 2);
const ROUNDS = numberArg(args, 'rounds', 2);
const CONNECTIONS = numberArg(args, 'connections', 50);
const LIMIT = numberArg(args, 'limit', 50);
const PROGRAM = args.get('program') ?? 'A6-PLATFORM';
const PROFILE = args.has('profile');
/** Load one side only (to profile it alone): app or baseline. */
const ONLY = args.get('only');
/** An experiment: SQL run after seeding (e.g. a candidate index); recorded in the results. */
const EXTRA_SQL = args.get('extra-sql');
const TARGET_P99_MS = 25;
const TARGET_THROUGHPUT_RATIO = 0.8;

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is unset: run through `npm run bench:inbox`, which starts PostgreSQL');

// Who opens the inbox: an officer, whose inbox is the pooled officer tasks plus any
// other task assigned to them.
const officer: Actor = { userId: 'bench-officer-1', role: 'officer' };

/** A deterministic pseudo-random sequence, so every run seeds the same rows. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Open tasks by role (shares of OPEN), each with the kinds and stages it has.
const MIX: { role: Role; share: number; kinds: [TaskKind, Stage][] }[] = [
  { role: 'officer', share: 0.35, kinds: [['formal-review', 'formal-review']] },
  { role: 'expert', share: 0.25, kinds: [['expert-conflict', 'expert-evaluation'], ['expert-scoring', 'expert-evaluation']] },
  { role: 'committee', share: 0.15, kinds: [['committee-decision', 'committee']] },
  { role: 'finance', share: 0.15, kinds: [['payment-confirmation', 'disbursement']] },
  { role: 'applicant', share: 0.1, kinds: [['correction', 'correction']] },
];

async function seed(): Promise<{ openByRole: Record<string, number>; officerMatches: number }> {
  const database = await openDatabase({ url, maxConnections: 4 });
  await migrateDatabase(database);
  const { db } = database;
  const random = mulberry32(20261127);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  const officers = Array.from({ length: 12 }, (_, i) => `bench-officer-${i + 1}`);
  const experts = Array.from({ length: 200 }, (_, i) => `bench-expert-${i + 1}`);
  await db.insert(users).values(officers.map((id) => ({ id, name: id, role: 'officer' as const }))).onConflictDoNothing();

  // One case per open task (they are at different stages), and closed tasks on cases of their own.
  const total = OPEN + CLOSED;
  const caseRows: (typeof cases.$inferInsert)[] = [];
  const taskRows: (typeof tasks.$inferInsert)[] = [];
  const openByRole: Record<string, number> = {};
  let officerMatches = 0;
  let inserted = 0;
  const progress = new Progress('seeding', total, () => inserted).start();
  const flush = async () => {
    if (caseRows.length === 0) return;
    await db.insert(cases).values(caseRows.splice(0));
    await db.insert(tasks).values(taskRows.splice(0));
  };
  for (let i = 0; i < total; i += 1) {
    const open = i < OPEN;
    let r = random();
    const mix = MIX.find((m) => (r -= m.share) < 0) ?? MIX[0]!;
    const [kind, stage] = pick(mix.kinds);
    const program = pick(PROGRAM_CODES);
    const caseId = `bench-case-${i + 1}`;
    const enterpriseId = `bench-ent-${(i % 3000) + 1}`;
    const assignee = mix.role === 'expert' ? pick(experts) : mix.role === 'officer' && random() < 0.2 ? pick(officers) : null;
    // Due from 5 days ago to 30 days ahead; closed tasks were created and closed in the past.
    const dueAt = new Date(now + (random() * 35 - 5) * 86_400_000);
    caseRows.push({
      id: caseId,
      workflowId: `case-${caseId}`,
      program,
      enterpriseId,
      policyVersion: '2025-draft',
      noticeYear: open ? year : year - 1 - (i % 2),
      submittedOn: `${open ? year : year - 1}-04-01`,
      stage: open ? stage : 'closed',
      status: open ? 'in-progress' : 'completed',
      requestedFacts: { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 },
      evidence: [{ kind: 'business-licence', reference: `BL-${i}` }],
    });
    taskRows.push({
      id: `${caseId}:${kind}:1`,
      caseId,
      kind,
      stage,
      program,
      role: mix.role,
      assignee,
      status: open ? 'open' : 'done',
      dueAt,
      ...(!open && { closedAt: new Date(now - random() * 300 * 86_400_000), closedBy: 'bench', outcome: { decision: 'accept' } }),
    });
    if (open) {
      openByRole[mix.role] = (openByRole[mix.role] ?? 0) + 1;
      if (program === PROGRAM && (mix.role === 'officer' || assignee === officer.userId)) officerMatches += 1;
    }
    inserted += 1;
    if (taskRows.length >= 2000) await flush();
  }
  await flush();
  progress.stop();
  if (EXTRA_SQL) {
    console.log(`experiment: ${EXTRA_SQL}`);
    await db.execute(sql.raw(EXTRA_SQL));
  }
  await db.execute(sql`analyze`);
  await database.close();
  return { openByRole, officerMatches };
}

interface SideResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  requests: number;
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
}

function summarise(result: Result): SideResult {
  const requests = result['2xx'] + result.non2xx;
  return {
    requestsPerSecond: round(result.requests.average, 0),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: round(result.latency.mean, 2), max: result.latency.max },
    requests,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, requests)),
  };
}

async function load(target: string, headers: Record<string, string>, seconds: number): Promise<Result> {
  return autocannon({ url: target, connections: CONNECTIONS, duration: seconds, headers, timeout: 10 });
}

async function main(): Promise<void> {
  const info = runInfo();
  console.log(`inbox benchmark — ${OPEN} open + ${CLOSED} closed tasks, ${CONNECTIONS} connections, ${WARMUP}s warm-up + ${SECONDS}s per run, ${ROUNDS} round(s); node ${process.version}, ${info.cpuCount} CPUs`);
  const { openByRole, officerMatches } = await seed();
  console.log(`seeded: open tasks by role ${JSON.stringify(openByRole)}; the officer's ${PROGRAM} inbox holds ${officerMatches}`);

  const config: InboxServerConfig = { actor: officer, program: PROGRAM, limit: LIMIT };
  const profileDir = PROFILE ? mkdtempSync(join(os.tmpdir(), 'bench-inbox-prof-')) : undefined;
  const server = forkTs(join(import.meta.dirname, 'inbox-server.ts'), { BENCH_INBOX_CONFIG: JSON.stringify(config) }, profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
  try {
    const ready = await nextMessage(server, (m): m is InboxServerReady => (m as { kind?: string }).kind === 'ready');
    const path = `/tasks?program=${PROGRAM}&limit=${LIMIT}`;
    const headers = { authorization: `Bearer ${ready.token}` };

    // Both sides must answer the same page before they are timed.
    const [appBody, baseBody] = await Promise.all([
      fetch(`${ready.appUrl}${path}`, { headers }).then((r) => r.text()),
      fetch(`${ready.baselineUrl}${path}`).then((r) => r.text()),
    ]);
    if (appBody !== baseBody) throw new Error(`the app and the baseline disagree:\napp      ${appBody.slice(0, 300)}\nbaseline ${baseBody.slice(0, 300)}`);
    const items = (JSON.parse(appBody) as { items: unknown[] }).items.length;
    console.log(`GET ${path} as ${officer.userId}: ${items} items, ${fmt(Buffer.byteLength(appBody))} bytes (same body from both sides)`);

    const database = await openDatabase({ url, maxConnections: 1 });
    const plan = await database.db.execute<{ 'QUERY PLAN': string }>(
      sql.raw(`explain (analyze, buffers) ${ready.sql.replace(/\$(\d+)/g, (_, n: string) => literal(ready.params[Number(n) - 1]))}`),
    );
    await database.close();
    const planLines = (plan as unknown as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']);
    const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(planLines.join('\n'))?.[1] ?? Number.NaN);
    console.log(`EXPLAIN ANALYZE of the inbox query: ${executionMs} ms execution (${planLines.filter((l) => l.includes('Index')).length} index nodes)`);

    type Side = 'app' | 'baseline';
    const order: Side[] = [];
    for (let r = 0; r < ROUNDS; r += 1) order.push(...(r % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const)));
    if (ONLY === 'app' || ONLY === 'baseline') order.splice(0, order.length, ...order.filter((s) => s === ONLY));
    const runs: { side: 'app' | 'baseline'; result: SideResult }[] = [];
    for (const [i, side] of order.entries()) {
      const target = `${side === 'app' ? ready.appUrl : ready.baselineUrl}${path}`;
      const sideHeaders = side === 'app' ? headers : {};
      process.stderr.write(`run ${i + 1}/${order.length}: ${side.padEnd(8)} warm-up ${WARMUP}s, measuring ${SECONDS}s …`);
      if (WARMUP > 0) await load(target, sideHeaders, WARMUP);
      const result = summarise(await load(target, sideHeaders, SECONDS));
      runs.push({ side, result });
      process.stderr.write(` ${fmt(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms${result.non2xx + result.errors > 0 ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}\n`);
    }

    const side = (name: 'app' | 'baseline') => {
      const mine = runs.filter((r) => r.side === name).map((r) => r.result);
      const mean = (f: (r: SideResult) => number) => round(mine.reduce((a, r) => a + f(r), 0) / mine.length, 1);
      return {
        requestsPerSecond: mean((r) => r.requestsPerSecond),
        p50Ms: mean((r) => r.latencyMs.p50),
        p99Ms: mean((r) => r.latencyMs.p99),
        worstP99Ms: Math.max(...mine.map((r) => r.latencyMs.p99)),
        errors: mine.reduce((a, r) => a + r.errors + r.non2xx, 0),
        bytesPerResponse: mine[0]?.bytesPerResponse ?? 0,
      };
    };
    if (ONLY) {
      console.log(`--only ${ONLY}: no comparison, no results file`);
      return;
    }
    const app = side('app');
    const baseline = side('baseline');
    const ratio = round(app.requestsPerSecond / baseline.requestsPerSecond, 2);
    const p99Met = app.p99Ms <= TARGET_P99_MS;
    const ratioMet = ratio >= TARGET_THROUGHPUT_RATIO;

    console.log('');
    console.log(`${''.padEnd(28)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}`);
    console.log(`${'app (Fastify, zod, auth)'.padEnd(28)}${fmt(app.requestsPerSecond).padStart(10)}${String(app.p50Ms).padStart(10)}${String(app.p99Ms).padStart(10)}`);
    console.log(`${'baseline (postgres.js)'.padEnd(28)}${fmt(baseline.requestsPerSecond).padStart(10)}${String(baseline.p50Ms).padStart(10)}${String(baseline.p99Ms).padStart(10)}`);
    console.log(`throughput app/baseline: ${ratio}× (target ≥ ${TARGET_THROUGHPUT_RATIO}: ${ratioMet ? 'met' : 'MISSED'}); app p99 ${app.p99Ms} ms (target ≤ ${TARGET_P99_MS}: ${p99Met ? 'met' : 'MISSED'})`);
    if (app.errors + baseline.errors > 0) console.log(`warning: ${app.errors} app and ${baseline.errors} baseline requests failed`);

    const file = writeResults('inbox', info.date, {
      ...info,
      benchmark: 'inbox',
      command: `npm run bench:inbox -- ${process.argv.slice(2).join(' ')}`.trim(),
      setup: {
        openTasks: OPEN,
        closedTasks: CLOSED,
        openByRole,
        request: `GET ${path} as an officer (${officerMatches} matching open tasks)`,
        itemsPerPage: items,
        responseBytes: Buffer.byteLength(appBody),
        connections: CONNECTIONS,
        warmupSeconds: WARMUP,
        secondsPerRun: SECONDS,
        rounds: ROUNDS,
        order,
        baseline: 'bare node:http server in the same process as the app: the same SQL (captured from the inbox repository) through postgres.js, rows mapped and JSON.stringify; no Fastify, zod, token or user look-up',
        databasePoolPerSide: 10,
        ...(EXTRA_SQL && { experimentSql: EXTRA_SQL }),
      },
      explainAnalyzeMs: executionMs,
      queryPlan: planLines,
      app,
      baseline,
      throughputRatio: ratio,
      targets: { p99Ms: TARGET_P99_MS, p99Met, throughputRatio: TARGET_THROUGHPUT_RATIO, throughputRatioMet: ratioMet },
      runs,
    });
    console.log(`written ${file}`);
  } finally {
    await stopChild(server);
    if (profileDir) console.log(`CPU profile of the server process: ${profileDir}`);
  }
}

/** A SQL literal for EXPLAIN (the captured parameters are strings and numbers). */
function literal(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

await main();
