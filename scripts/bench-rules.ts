// Benchmark (not a test): evaluations per second on one core.
//   npm run bench:rules            (re-executes itself under `taskset -c 0` when available)
// Side by side in one run:
//   1. rules.evaluate over a mix of programs,
//   2. rules.evaluate on the A6 example alone,
//   3. the same A6 computation encoded for json-rules-engine (rules + dynamic facts),
// and, for information, parse + evaluate on the mix. Writes bench/results/rules-<stamp>.json.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import type { Almanac } from 'json-rules-engine';
import { evaluate, parseEvaluationInput } from '../rules/index.js';
import type { EvaluationInput } from '../rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

function pinToOneCore(): string {
  if (process.env.BENCH_PINNED === '1') return 'taskset -c 0';
  const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasTaskset) return 'not pinned (no taskset); single-threaded';
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const r = spawnSync('taskset', ['-c', '0', tsx, fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, BENCH_PINNED: '1' } });
  process.exit(r.status ?? 1);
}

const applicant = (qualifications: EvaluationInput['applicant']['qualifications']) => ({ registeredInDistrict: true, blacklisted: false, qualifications, priorAwards: [] });

const A6: EvaluationInput = {
  program: 'A6-PLATFORM',
  submittedOn: '2025-03-10',
  supportYear: 1,
  applicant: { ...applicant(['platform-national']), priorAwards: [{ program: 'A7-EVAL-CERT', year: 2024 }] },
  facts: { rentPaidFen: 600000000, areaUsedM2: 6000, operatingCostsFen: 300000000 },
};

const MIX: EvaluationInput[] = [
  A6,
  { program: 'A3-COMPUTE-MUNI', submittedOn: '2025-03-10', applicant: applicant(['municipal-support']), facts: { municipalSupportFen: 1234567891 } },
  { program: 'A4-COMPUTE-KEY', submittedOn: '2025-03-10', applicant: applicant(['beijing-ai-key-enterprise', 'national-genai-filing']), facts: { computeSpendFen: 2000000000 } },
  { program: 'A4-COMPUTE-FILED', submittedOn: '2026-03-10', supportYear: 2, applicant: applicant(['national-genai-filing']), facts: { computeSpendFen: 900000000, modelIterated: true } },
  { program: 'A5-DATA-TRADE', submittedOn: '2025-03-10', applicant: applicant([]), facts: { contractAmountFen: 4000000020 } },
  { program: 'A5-DATA-ZONE', submittedOn: '2025-03-10', applicant: applicant(['public-data-authorization']), facts: { decidedAmountFen: 300000001 } },
  { program: 'A7-EVAL-CERT', submittedOn: '2025-03-10', applicant: applicant(['national-eval-certification']), facts: { evaluationContractFen: 80000000 } },
  { program: 'A8-SCENARIO-DISTRICT', submittedOn: '2025-03-10', applicant: applicant(['district-key-project']), facts: { projectInvestmentFen: 400000000 } },
  { program: 'A10-OPERATOR', submittedOn: '2025-03-10', applicant: applicant(['cluster-operator']), facts: { rentPaidFen: 40000000, monthsOperated: 5 } },
  { program: 'A6-PLATFORM', submittedOn: '2025-03-10', applicant: applicant(['platform-provincial']), facts: { rentPaidFen: 987654321, areaUsedM2: 4321.25, operatingCostsFen: 1 } },
];

// The A6 computation for json-rules-engine: eligibility as rule conditions, the
// amounts as dynamic facts (integer BigInt arithmetic, same formula).
function a6Engine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addFact('level', async (_p: unknown, almanac: Almanac) => {
    const q = (await almanac.factValue('qualifications')) as string[];
    return q.includes('platform-national') ? 'national' : q.includes('platform-provincial') ? 'provincial' : 'none';
  });
  engine.addFact('rentSubsidyFen', async (_p: unknown, almanac: Almanac) => {
    const rent = (await almanac.factValue('rentPaidFen')) as number;
    const area = (await almanac.factValue('areaUsedM2')) as number;
    const level = await almanac.factValue('level');
    const ratioBp = level === 'national' ? 10000n : 8000n;
    const areaC = BigInt(Math.round(area * 100));
    const counted = areaC < 400000n ? areaC : 400000n;
    return Number((ratioBp * BigInt(rent) * counted) / (10000n * areaC));
  });
  engine.addFact('operatingFundsFen', async (_p: unknown, almanac: Almanac) => {
    const costs = (await almanac.factValue('operatingCostsFen')) as number;
    return Math.min(costs, 500000000);
  });
  engine.addRule({
    name: 'a6-eligible',
    conditions: {
      all: [
        { fact: 'registeredInDistrict', operator: 'equal', value: true },
        { fact: 'blacklisted', operator: 'equal', value: false },
        { fact: 'level', operator: 'in', value: ['national', 'provincial'] },
        { fact: 'supportYear', operator: 'lessThanInclusive', value: 3 },
      ],
    },
    event: { type: 'a6-award' },
  });
  return engine;
}

async function jreEvaluate(engine: Engine, input: EvaluationInput): Promise<number> {
  const { events, almanac } = await engine.run({
    registeredInDistrict: input.applicant.registeredInDistrict,
    blacklisted: input.applicant.blacklisted ?? false,
    qualifications: input.applicant.qualifications ?? [],
    supportYear: input.supportYear ?? 1,
    rentPaidFen: input.facts?.rentPaidFen ?? 0,
    areaUsedM2: input.facts?.areaUsedM2 ?? 0,
    operatingCostsFen: input.facts?.operatingCostsFen ?? 0,
  });
  if (events.length === 0) return 0;
  return ((await almanac.factValue('rentSubsidyFen')) as number) + ((await almanac.factValue('operatingFundsFen')) as number);
}

function measureSync(label: string, fn: (i: number) => unknown): number {
  const warmEnd = performance.now() + 1000;
  let i = 0;
  while (performance.now() < warmEnd) fn(i++);
  let n = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (true) {
    for (let k = 0; k < 100; k++) fn(n++);
    if (performance.now() >= end) break;
  }
  const rate = n / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} evaluations/s`);
  return rate;
}

async function measureAsync(label: string, fn: (i: number) => Promise<unknown>): Promise<number> {
  const warmEnd = performance.now() + 1000;
  let i = 0;
  while (performance.now() < warmEnd) await fn(i++);
  let n = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (true) {
    for (let k = 0; k < 100; k++) await fn(n++);
    if (performance.now() >= end) break;
  }
  const rate = n / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} evaluations/s`);
  return rate;
}

async function main(): Promise<void> {
  const pinning = pinToOneCore();
  const engine = a6Engine();
  // Both sides must agree on the figure before being timed: 400,000,000 + 300,000,000.
  const ours = evaluate(A6).amountFen;
  const theirs = await jreEvaluate(engine, A6);
  if (ours !== 700000000 || theirs !== 700000000) throw new Error(`A6 disagreement: rules ${ours}, json-rules-engine ${theirs}`);

  console.log(`rules benchmark — ${pinning}; ${SECONDS}s per measurement after 1s warm-up; node ${process.version}`);
  const mix = measureSync('rules.evaluate, mix of 10 programs', (i) => evaluate(MIX[i % MIX.length]!));
  const mixParsed = measureSync('rules parse + evaluate, mix', (i) => {
    const p = parseEvaluationInput(MIX[i % MIX.length]);
    if (p.ok) evaluate(p.value);
  });
  const a6 = measureSync('rules.evaluate, A6 only', () => evaluate(A6));
  const jre = await measureAsync('json-rules-engine, A6 only', () => jreEvaluate(engine, A6));
  const ratio = a6 / jre;
  console.log(`ratio rules A6 / json-rules-engine A6: ${ratio.toFixed(1)}×`);

  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  const date = new Date().toISOString();
  const out = {
    date,
    commit,
    node: process.version,
    cpuCount: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    pinning,
    secondsPerMeasurement: SECONDS,
    evaluationsPerSecond: {
      rulesMix: Math.round(mix),
      rulesParseAndEvaluateMix: Math.round(mixParsed),
      rulesA6: Math.round(a6),
      jsonRulesEngineA6: Math.round(jre),
    },
    ratioRulesA6OverJsonRulesEngineA6: Number(ratio.toFixed(2)),
  };
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `rules-${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`written ${file}`);
}

await main();
