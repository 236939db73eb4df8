// Benchmark (not a test): the workspace's inbox in Chromium with 10,000 open tasks.
//   npm run bench:workspace [-- --open 10000 --loads 20 --profile]
// Seeds open tasks across roles in a throwaway PostgreSQL, serves the built workspace
// and the API from this process, signs an officer in, then loads /app/ `loads` times,
// each in a fresh browser context (no cache: a first visit) with the session cookie.
// A load is timed from navigation start to the first animation frame after the
// inbox's first 50 rows are in the page (painted). The JavaScript the first screen
// needed is every script fetched until then, gzipped. Writes bench/results/workspace-<date>.json.
// --profile: a CPU profile of load 1 as well (which slows that load), summed by script and function.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { registerApp, serverOptions } from '../../api/app.js';
import { createTokenService } from '../../api/auth.js';
import { SESSION_COOKIE } from '../../api/sign-in/sign-in-policy.js';
import { hashPassword } from '../../api/sign-in/passwords.js';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { cases, tasks, users } from '../../db/schema.js';
import { PROGRAM_CODES } from '../../rules/index.js';
import { launchChromium } from '../../test/support/browser.js';
import { startProfile, stopProfile } from './cpu-profile.js';
import { inboxPlans } from './inbox-plans.js';
import type { ProfileSummary } from './cpu-profile.js';
import { fmt, numberArg, parseArgs, percentile, Progress, round, runInfo, writeResults } from './lib.js';

const args = parseArgs(process.argv.slice(2));
const OPEN = numberArg(args, 'open', 10_000);
const LOADS = numberArg(args, 'loads', 20);
const PROFILE = args.has('profile');
const ROWS = 50;
const TARGET_P95_MS = 1000;
const TARGET_FIRST_SCREEN_KB = 350;
const OFFICER = 'bench-ws-officer';
const PASSWORD = 'bench-workspace-password';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is unset: run through `npm run bench:workspace`, which starts PostgreSQL');

const ROLES = [
  { role: 'officer', share: 0.35, kind: 'formal-review', stage: 'formal-review' },
  { role: 'expert', share: 0.25, kind: 'expert-scoring', stage: 'expert-evaluation' },
  { role: 'committee', share: 0.15, kind: 'committee-decision', stage: 'committee' },
  { role: 'finance', share: 0.15, kind: 'payment-confirmation', stage: 'disbursement' },
  { role: 'applicant', share: 0.1, kind: 'correction', stage: 'correction' },
] as const;

async function seed(database: Awaited<ReturnType<typeof openDatabase>>): Promise<number> {
  const { db } = database;
  await db.insert(users).values({ id: OFFICER, name: '经办人 基准', role: 'officer', passwordHash: await hashPassword(PASSWORD) }).onConflictDoNothing();
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  let officerVisible = 0;
  let inserted = 0;
  const progress = new Progress('seeding', OPEN, () => inserted).start();
  for (let start = 0; start < OPEN; start += 2000) {
    const caseRows: (typeof cases.$inferInsert)[] = [];
    const taskRows: (typeof tasks.$inferInsert)[] = [];
    for (let i = start; i < Math.min(start + 2000, OPEN); i += 1) {
      // Deterministic spread: role by share, program round-robin, due from 5 days ago to 30 ahead.
      const r = (i * 0.618034) % 1;
      let acc = 0;
      const mix = ROLES.find((m) => r < (acc += m.share)) ?? ROLES[0];
      const caseId = `bench-ws-case-${i + 1}`;
      const program = PROGRAM_CODES[i % PROGRAM_CODES.length]!;
      caseRows.push({
        id: caseId,
        workflowId: `case-${caseId}`,
        program,
        enterpriseId: `bench-ws-ent-${(i % 3000) + 1}`,
        policyVersion: '2025-draft',
        noticeYear: year,
        submittedOn: `${year}-04-01`,
        stage: mix.stage,
        status: 'in-progress',
        requestedFacts: {},
      });
      taskRows.push({
        id: `${caseId}:${mix.kind}:1`,
        caseId,
        kind: mix.kind,
        stage: mix.stage,
        program,
        role: mix.role,
        assignee: mix.role === 'expert' ? `bench-ws-expert-${(i % 200) + 1}` : null,
        status: 'open',
        dueAt: new Date(now + (((i * 7919) % 35_000) / 1000 - 5) * 86_400_000),
      });
      if (mix.role === 'officer') officerVisible += 1;
      inserted += 1;
    }
    await db.insert(cases).values(caseRows).onConflictDoNothing();
    await db.insert(tasks).values(taskRows).onConflictDoNothing();
  }
  progress.stop();
  await db.execute(sql`analyze`);
  return officerVisible;
}

/**
 * Runs in the page before its own scripts (as text: this file has no DOM types): the
 * first animation frame after the 50th row is in the page, when the rows are painted.
 */
const MARK_PAINTED = `
  (() => {
    const check = () => {
      if (document.querySelectorAll('.ant-table-row').length >= ${ROWS}) {
        requestAnimationFrame(() => { window.__inboxPaintedAt = performance.now(); });
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();
`;

async function main(): Promise<void> {
  const info = runInfo();
  console.log(`workspace benchmark — ${fmt(OPEN)} open tasks, ${LOADS} inbox loads in Chromium; node ${process.version}, ${info.cpuCount} CPUs`);
  const database = await openDatabase({ url, maxConnections: 10 });
  await migrateDatabase(database);
  const officerVisible = await seed(database);
  console.log(`seeded: the officer's inbox holds ${fmt(officerVisible)} open tasks`);
  const plans = await inboxPlans(database.db, OFFICER);
  for (const p of plans) {
    console.log(`  ${p.query}: ${p.executionMs} ms in PostgreSQL, indexes ${p.indexes.join(', ') || 'none'}`);
    for (const line of p.plan) console.log(`      ${line}`);
  }

  const app = Fastify(serverOptions(false));
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const webRoot = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  await registerApp(app, { db: database.db, temporal, tokens: createTokenService(`bench-${process.pid}-not-a-production-secret`), taskQueue: 'bench-ws', now: () => new Date(), webRoot });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const signIn = await fetch(`${base}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: OFFICER, password: PASSWORD }) });
  const sessionId = /subsidy_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
  if (!signIn.ok || !sessionId) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);

  const chromium = await launchChromium();
  const loads: number[] = [];
  let waterfall: object[] = [];
  let profile: ProfileSummary | undefined;
  const mainThread: Record<string, number>[] = [];
  let firstScreen: { scripts: { url: string; bytes: number; gzipBytes: number }[]; gzipBytes: number } | undefined;
  try {
    for (let i = 0; i < LOADS + 1; i += 1) {
      const context = await chromium.browser.newContext({ viewport: { width: 1400, height: 900 } });
      await context.addCookies([{ name: SESSION_COOKIE, value: sessionId, url: base, httpOnly: true, sameSite: 'Strict' }]);
      // Marks the first frame after the 50th row is in the page: rows are then painted.
      await context.addInitScript(MARK_PAINTED);
      const page = await context.newPage();
      // Scripts are gzipped after the load: this process also serves the page.
      const scripts: { url: string; body: Promise<Buffer> }[] = [];
      // Bodies only of the load that is measured: a body not read before its page closes rejects.
      page.on('response', (response) => {
        if (i === 1 && response.request().resourceType() === 'script') scripts.push({ url: new URL(response.url()).pathname, body: response.body() });
      });
      const profiler = PROFILE && i === 1 ? await startProfile(page) : undefined;
      const metrics = await page.context().newCDPSession(page);
      await metrics.send('Performance.enable');
      await page.goto(`${base}/app/`);
      const paintedAt = await page.waitForFunction('window.__inboxPaintedAt', undefined, { timeout: 30_000, polling: 50 });
      if (profiler) {
        profile = await stopProfile(profiler);
        console.log(`    CPU profile of load 1 (${profile.totalMs} ms sampled):`);
        for (const s of profile.byScript) console.log(`      ${s.ms} ms  ${s.script}`);
        for (const f of profile.topFunctions) console.log(`      ${f.ms} ms  ${f.fn}`);
      }
      const ms = (await paintedAt.jsonValue()) as number;
      // The main thread's own work until then: scripts, style, layout (less sensitive to other processes than the wall clock).
      const { metrics: figures } = (await metrics.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const work = Object.fromEntries(['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration'].map((name) => [name, round((figures.find((m) => m.name === name)?.value ?? 0) * 1000)]));
      // The first load warms the server (prepared queries, the file system): not counted.
      if (i > 0) {
        loads.push(ms);
        mainThread.push(work);
      }
      if (i === 1) {
        // Where the time of one load goes: each request's start and end, and when the page's scripts had run.
        const timeline = (await page.evaluate(`[
          ...performance.getEntriesByType('navigation').map((e) => ({ what: 'document', start: 0, end: Math.round(e.responseEnd), domContentLoaded: Math.round(e.domContentLoadedEventEnd) })),
          ...performance.getEntriesByType('resource').map((e) => ({ what: new URL(e.name).pathname + new URL(e.name).search, start: Math.round(e.startTime), end: Math.round(e.responseEnd) })),
        ]`)) as object[];
        waterfall = timeline;
        for (const entry of timeline) console.log(`    ${JSON.stringify(entry)}`);
        const fetched = await Promise.all(scripts.map(async ({ url: path, body }) => {
          const bytes = await body;
          return { url: path, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
        }));
        firstScreen = { scripts: fetched, gzipBytes: fetched.reduce((s, f) => s + f.gzipBytes, 0) };
      }
      console.log(`  load ${i === 0 ? 'warm-up' : i}: first ${ROWS} rows painted ${round(ms)} ms after navigation; main thread ${JSON.stringify(work)}`);
      await context.close();
    }
  } finally {
    await chromium.close();
    await app.close();
    await database.close();
  }
  const p50 = percentile(loads, 50);
  const p95 = percentile(loads, 95);
  const medianOf = (name: string) => round(percentile(mainThread.map((m) => m[name] ?? 0), 50));
  const mainThreadMedianMs = Object.fromEntries(['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration'].map((name) => [name, medianOf(name)]));
  console.log(`main thread until the rows were painted (median ms): ${JSON.stringify(mainThreadMedianMs)}`);
  const firstScreenKb = round((firstScreen?.gzipBytes ?? 0) / 1024);
  console.log(`inbox, first ${ROWS} rows painted: p50 ${round(p50)} ms, p95 ${round(p95)} ms, max ${round(Math.max(...loads))} ms over ${LOADS} cold loads (target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'missed'})`);
  console.log(`first-screen JavaScript: ${firstScreenKb} KB gzipped in ${firstScreen?.scripts.length ?? 0} files (target ≤ ${TARGET_FIRST_SCREEN_KB} KB: ${firstScreenKb <= TARGET_FIRST_SCREEN_KB ? 'met' : 'missed'})`);
  const file = writeResults('workspace', info.date, {
    ...info,
    openTasks: OPEN,
    officerInbox: officerVisible,
    loads: LOADS,
    rows: ROWS,
    paintMs: { p50: round(p50), p95: round(p95), max: round(Math.max(...loads)), all: loads.map((l) => round(l)) },
    targetP95Ms: TARGET_P95_MS,
    mainThreadMedianMs,
    waterfallOfLoad1: waterfall,
    ...(profile && { cpuProfileOfLoad1: profile }),
    queryPlans: plans,
    firstScreenJs: { gzipKb: firstScreenKb, targetKb: TARGET_FIRST_SCREEN_KB, scripts: firstScreen?.scripts ?? [] },
  });
  console.log(`results: ${file}`);
}

await main();
