// Benchmark (not a test): the policy preview of a candidate on a synthetic book.
//   npm run bench:preview [-- --cases 100000 --runs 5 --seconds 3 --no-database]
// On one core (re-executes itself under `taskset -c 0`): previews the book in memory
// three ways (sums only: the target; with years; with years and traces) and opens one case
// (a candidate raising one cap), prints the time beside the rules' evaluations per
// second and json-rules-engine's on the same A6 computation; then, separately, seeds
// the book into PostgreSQL (run.sh starts a throwaway one) and times loading it back.
// Writes bench/results/preview-<date>.json.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { annualNotices, budgetReservations, cases, enterprises, otherPolicyAwards, yearlyReports } from '../../db/schema.js';
import { loadBook } from '../../api/repositories/book.js';
import { evaluate, parseCandidate, previewBook, previewCase } from '../../rules/index.js';
import type { Book, PreviewResult } from '../../rules/index.js';
import { syntheticBook } from '../preview/synthetic-book.js';
import { fmt, numberArg, parseArgs, round, runInfo, writeResults } from './lib.js';
import { A6, MIX, a6Engine, jreEvaluate, measureAsync, measureSync } from './rules-measure.js';

const args = parseArgs(process.argv.slice(2));
const CASES = numberArg(args, 'cases', 100_000);
const RUNS = numberArg(args, 'runs', 5);
const SECONDS = numberArg(args, 'seconds', 3);
const TARGET_MS = 1000;
/** rules.evaluate on the mix with the machine to itself (README, bench/results/rules-2026-11-27T22-00-12-142Z.json). */
const QUIET_RULES_MIX_PER_SECOND = 152_926;

function pinToOneCore(): string {
  if (process.env.BENCH_PINNED === '1') return 'taskset -c 0';
  if (spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status !== 0) return 'not pinned (no taskset); single-threaded';
  const r = spawnSync('taskset', ['-c', '0', process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, BENCH_PINNED: '1' } });
  process.exit(r.status ?? 1);
}

const parsed = parseCandidate({
  id: 'bench-a6-operating-cap',
  effectiveFrom: '2025-06-01',
  basedOn: '2025-draft',
  titleZh: '产业服务平台运营经费上限调整（基准）',
  titleEn: 'A6 operating cap 5m → 6m yuan (benchmark)',
  programs: { 'A6-PLATFORM': { components: { operating: { capFen: 600_000_000 } } } },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const candidate = parsed.candidate;

function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The synthetic book as read-model rows, so loading it back is measured on the real tables. */
async function seedDatabase(url: string, book: Book): Promise<void> {
  const database = await openDatabase({ url, maxConnections: 4 });
  await migrateDatabase(database);
  const { db } = database;
  const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 2000) await insert(rows.slice(i, i + 2000));
  };
  await chunk(book.enterprises.map((e) => ({ id: e.id, name: e.id, organisation: `org-${e.id}`, registeredInDistrict: e.registeredInDistrict, blacklisted: e.blacklisted })), (p) => db.insert(enterprises).values(p).onConflictDoNothing());
  const years = [...new Set(book.budgets.map((b) => b.year))];
  for (const year of years) {
    const programs = Object.fromEntries(book.budgets.filter((b) => b.year === year).map((b) => [b.program, { budgetFen: b.budgetFen }]));
    await db.insert(annualNotices).values({ year, applicationOpensOn: `${year}-03-01`, applicationClosesOn: `${year}-09-30`, reportingOpensOn: `${year}-11-01`, reportingClosesOn: `${year}-12-15`, programs, settings: {}, createdBy: 'bench' }).onConflictDoNothing();
  }
  await chunk(
    book.cases.map((c) => ({ id: c.caseId, workflowId: `case-${c.caseId}`, program: c.program, enterpriseId: c.enterpriseId, policyVersion: c.policyVersion, noticeYear: c.noticeYear, submittedOn: c.submittedOn, stage: 'committee' as const, status: 'in-progress' as const, supportYear: c.supportYear, requestedFacts: c.figures.find((f) => f.source === 'application')?.facts ?? {}, qualifications: c.qualifications })),
    (p) => db.insert(cases).values(p).onConflictDoNothing(),
  );
  await chunk(
    book.cases.flatMap((c) => c.figures.filter((f) => f.supportYear > 1).map((f) => ({ caseId: c.caseId, supportYear: f.supportYear, status: f.source === 'verified-report' ? 'verified' : 'submitted', dueOn: `${c.noticeYear + f.supportYear - 1}-12-15`, facts: f.facts, verifiedFacts: f.source === 'verified-report' ? f.facts : null }))),
    (p) => db.insert(yearlyReports).values(p).onConflictDoNothing(),
  );
  await chunk(
    book.cases.flatMap((c) => c.decidedYears.map((y) => ({ caseId: c.caseId, supportYear: y, program: c.program, budgetYear: c.noticeYear + y - 1, amountFen: 1_000_000, status: 'reserved' }))),
    (p) => db.insert(budgetReservations).values(p).onConflictDoNothing(),
  );
  await chunk(
    book.earlierAwards.filter((a) => a.caseId === null).map((a) => ({ enterpriseId: a.enterpriseId, policyName: 'District talent housing policy', documentNumber: '石政发〔2024〕1号', costCategory: a.costCategory, periodStart: a.periodStart, periodEnd: a.periodEnd, amountFen: a.amountFen, recordedBy: 'bench' })),
    (p) => db.insert(otherPolicyAwards).values(p),
  );
  await database.close();
}

async function main(): Promise<void> {
  const pinning = pinToOneCore();
  const info = runInfo();
  console.log(`preview benchmark — ${pinning}; node ${process.version}; load average at start ${info.loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')}`);

  const generated = timed(() => syntheticBook({ cases: CASES }));
  const book = generated.value;
  console.log(`synthetic book: ${fmt(book.cases.length)} cases (${fmt(book.cases.filter((c) => c.kind === 'award').length)} awards with years left, ${fmt(book.cases.filter((c) => c.kind === 'application').length)} applications), generated in ${fmt(generated.wallMs)} ms`);

  // Three answers to the same question, each timed on its own (warm-up first, so the runs measure compiled code):
  // the whole book's sums (what the workspace asks first, the target), every year with components,
  // and every year with both traces wherever an amount changes (the API's default detail).
  const variants = [
    { name: 'sums', label: 'every case’s sums, totals, counts, largest changes (?detail=cases)', options: { detail: 'cases' } },
    { name: 'years', label: 'also every support year per component (?detail=years&traces=none)', options: { detail: 'years', traces: 'none' } },
    { name: 'yearsWithTraces', label: 'also both traces of every changed year (the default)', options: { detail: 'years', traces: 'changed' } },
  ] as const;
  const measured: Record<string, { runs: { wallMs: number; cpuMs: number }[]; medianWallMs: number; medianCpuMs: number }> = {};
  let result: PreviewResult | undefined;
  for (const v of variants) {
    previewBook(book, candidate, v.options);
    const runs: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = timed(() => previewBook(book, candidate, v.options));
      if (v.name === 'sums') result = run.value;
      runs.push({ wallMs: round(run.wallMs), cpuMs: round(run.cpuMs) });
    }
    measured[v.name] = { runs, medianWallMs: median(runs.map((x) => x.wallMs)), medianCpuMs: median(runs.map((x) => x.cpuMs)) };
    console.log(`  ${v.label}: ${runs.map((x) => fmt(x.wallMs)).join(', ')} ms wall; median ${fmt(measured[v.name]!.medianWallMs)} ms wall, ${fmt(measured[v.name]!.medianCpuMs)} ms CPU`);
  }
  const r = result!;
  const previewMs = measured.sums!.medianWallMs;
  console.log(
    `preview of ${fmt(r.book.cases)} cases, ${fmt(r.book.supportYears)} support years, ${fmt(r.book.evaluations)} evaluations: median ${fmt(previewMs)} ms (target < ${TARGET_MS} ms: ${previewMs < TARGET_MS ? 'met' : 'missed'}); ${fmt(r.counts.gain)} gain, ${fmt(r.counts.lose)} lose, ${fmt(r.counts.stay)} stay`,
  );

  // One case opened (the row a committee member expands): its years with both traces.
  const opened = r.largestChanges[0]?.caseId ?? r.cases[0]!.caseId;
  const openRuns: number[] = [];
  for (let i = 0; i < 21; i++) openRuns.push(round(timed(() => previewCase(book, candidate, opened)).wallMs));
  const openMs = median(openRuns);
  console.log(`one case opened with both traces (${opened}, on the whole in-memory book): median ${fmt(openMs)} ms`);

  const rulesMix = measureSync('rules.evaluate, mix of 10 programs', (i) => evaluate(MIX[i % MIX.length]!), SECONDS);
  const rulesA6 = measureSync('rules.evaluate, A6 only', () => evaluate(A6), SECONDS);
  const engine = a6Engine();
  const jre = await measureAsync('json-rules-engine, A6 only', () => jreEvaluate(engine, A6), SECONDS);

  // The machine is shared: what the preview costs in units of rules.evaluate calls
  // measured in this run, and what that is at the quiet-machine rate of the README.
  const equivalentEvaluations = Math.round((previewMs / 1000) * rulesMix);
  const atQuietRateMs = Math.round((equivalentEvaluations / QUIET_RULES_MIX_PER_SECOND) * 1000);
  console.log(`the preview costs as much as ${fmt(equivalentEvaluations)} rules.evaluate calls of this run; at the quiet-machine ${fmt(QUIET_RULES_MIX_PER_SECOND)}/s that is about ${fmt(atQuietRateMs)} ms (an estimate)`);

  let load: { cases: number; seedSeconds: number; runsMs: number[]; medianMs: number } | null = null;
  const url = process.env.DATABASE_URL;
  if (url && !args.has('no-database')) {
    const seedStart = performance.now();
    await seedDatabase(url, book);
    const seedSeconds = round((performance.now() - seedStart) / 1000);
    console.log(`seeded the book into PostgreSQL in ${seedSeconds} s`);
    const database = await openDatabase({ url, maxConnections: 8 });
    const loadRuns: number[] = [];
    let loaded: Book | undefined;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      loaded = await loadBook(database.db);
      loadRuns.push(round(performance.now() - start));
    }
    await database.close();
    const again = previewBook(loaded!, candidate, { detail: 'cases' });
    if (again.book.cases !== r.book.cases || again.counts.gain !== r.counts.gain) throw new Error(`the loaded book previews differently: ${JSON.stringify(again.book)} vs ${JSON.stringify(r.book)}`);
    load = { cases: loaded!.cases.length, seedSeconds, runsMs: loadRuns, medianMs: median(loadRuns) };
    console.log(`loading the book from PostgreSQL: ${loadRuns.map((ms) => `${fmt(ms)} ms`).join(', ')} (median ${fmt(load.medianMs)} ms; previews the same)`);
  }

  const file = writeResults('preview', info.date, {
    ...info,
    pinning,
    book: { cases: r.book.cases, awards: r.book.awards, applications: r.book.applications, supportYears: r.book.supportYears, evaluations: r.book.evaluations },
    candidate: r.candidate.changes,
    preview: { ...measured.sums!, medianWallMs: previewMs, targetMs: TARGET_MS, met: previewMs < TARGET_MS, counts: r.counts, countsIfApplied: r.countsIfApplied, equivalentEvaluations, estimatedAtQuietRateMs: atQuietRateMs },
    previewWithYears: measured.years,
    previewWithYearsAndTraces: measured.yearsWithTraces,
    oneCaseOpened: { caseId: opened, runsMs: openRuns, medianMs: openMs },
    evaluationsPerSecond: { rulesMix: Math.round(rulesMix), rulesA6: Math.round(rulesA6), jsonRulesEngineA6: Math.round(jre) },
    loadFromPostgres: load,
  });
  console.log(`written ${file}`);
}

await main();
