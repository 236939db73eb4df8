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
import { evaluate, parseEvaluationInput } from '../rules/index.js';
import { A6, MIX, a6Engine, jreEvaluate, measureAsync, measureSync } from './bench/rules-measure.js';

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

async function main(): Promise<void> {
  const pinning = pinToOneCore();
  const engine = a6Engine();
  // Both sides must agree on the figure before being timed: 400,000,000 + 300,000,000.
  const ours = evaluate(A6).amountFen;
  const theirs = await jreEvaluate(engine, A6);
  if (ours !== 700000000 || theirs !== 700000000) throw new Error(`A6 disagreement: rules ${ours}, json-rules-engine ${theirs}`);

  console.log(`rules benchmark — ${pinning}; ${SECONDS}s per measurement after 1s warm-up; node ${process.version}`);
  const mix = measureSync('rules.evaluate, mix of 10 programs', (i) => evaluate(MIX[i % MIX.length]!), SECONDS);
  const mixParsed = measureSync(
    'rules parse + evaluate, mix',
    (i) => {
      const p = parseEvaluationInput(MIX[i % MIX.length]);
      if (p.ok) evaluate(p.value);
    },
    SECONDS,
  );
  const a6 = measureSync('rules.evaluate, A6 only', () => evaluate(A6), SECONDS);
  const jre = await measureAsync('json-rules-engine, A6 only', () => jreEvaluate(engine, A6), SECONDS);
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
