// Shared by the benchmarks: results files, percentiles, progress lines, child
// processes and their memory.
import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** --name value / --flag pairs; numbers where the value is numeric. */
export function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) args.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) args.set(name, argv[(i += 1)]!);
    else args.set(name, 'true');
  }
  return args;
}

export function numberArg(args: Map<string, string>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, not ${raw}`);
  return value;
}

/** What every results file starts with. */
export function runInfo(): { date: string; commit: string; dirty: boolean; node: string; cpuCount: number; cpuModel: string; totalMemoryMiB: number; loadAverageAtStart: number[] } {
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
  } catch {
    /* not a git checkout */
  }
  return {
    date: new Date().toISOString(),
    commit,
    dirty,
    node: process.version,
    cpuCount: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
    // The machines are shared: what else was running when the figures were taken.
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
  };
}

/** Writes bench/results/<name>-<date>.json and returns its path. */
export function writeResults(name: string, date: string, figures: object): string {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

/** Nearest-rank percentile of unsorted values (0 for none). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
export const fmt = (value: number, digits = 0): string => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A progress line: done/total, rate per minute and ETA. On a terminal it redraws
 * one line; otherwise it prints a line every 10 s, so CI logs stay short.
 */
export class Progress {
  private readonly started = performance.now();
  private last = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly done: () => number,
    private readonly extra: () => string = () => '',
  ) {}

  start(): this {
    const tty = process.stderr.isTTY;
    this.timer = setInterval(() => this.print(false), tty ? 500 : 10_000);
    this.timer.unref();
    return this;
  }

  line(): string {
    const done = this.done();
    const elapsed = performance.now() - this.started;
    const perMinute = done / (elapsed / 60_000);
    const eta = done > 0 ? ((this.total - done) / done) * elapsed : Number.NaN;
    const width = 24;
    const filled = Math.round((done / Math.max(1, this.total)) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const extra = this.extra();
    return `${this.label} ${bar} ${done}/${this.total} · ${fmt(perMinute, 1)}/min · ${duration(elapsed)} elapsed · ETA ${done >= this.total ? '0s' : duration(eta)}${extra ? ` · ${extra}` : ''}`;
  }

  print(final: boolean): void {
    const line = this.line();
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else if (final || performance.now() - this.last >= 9_000) process.stderr.write(`${line}\n`);
    this.last = performance.now();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.print(true);
  }
}

/** Runs async work over items with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index]!, index);
    }
  });
  await Promise.all(runners);
}

/** Peak and current resident set of a process, from /proc (Linux), in MiB. */
export function processMemory(pid: number): { rssMiB: number; peakRssMiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: round(kib('VmRSS') / 1024), peakRssMiB: round(kib('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) each process on the machine has used so far, by pid (Linux /proc). */
export function cpuByProcess(): Map<number, { comm: string; seconds: number }> {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const found = new Map<number, { comm: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat(5); fields[] starts at field 3.
      found.set(Number(entry), { comm, seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** CPU seconds used between two snapshots, summed by group (processes groupOf leaves out are "other"). */
export function cpuUsedBetween(before: Map<number, { comm: string; seconds: number }>, after: Map<number, { comm: string; seconds: number }>, groupOf: (pid: number, comm: string) => string | undefined): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [pid, { comm, seconds }] of after) {
    const spent = seconds - (before.get(pid)?.comm === comm ? before.get(pid)!.seconds : 0);
    if (spent <= 0) continue;
    const group = groupOf(pid, comm) ?? 'other';
    used[group] = round((used[group] ?? 0) + spent, 1);
  }
  return used;
}

/** Starts a TypeScript child process (through tsx) that talks over IPC; its output goes to ours, or to the file descriptor `output`. */
export function forkTs(path: string, env: Record<string, string> = {}, execArgv: string[] = [], output?: number): ChildProcess {
  const out = output ?? 'inherit';
  return fork(path, [], { execArgv: ['--import', 'tsx', ...execArgv], env: { ...process.env, ...env }, stdio: ['ignore', out, out, 'ipc'] });
}

/** The next IPC message from a child that satisfies `accept` (rejects if the child exits first). */
export function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => message is T, timeoutMs = 180_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no message from child ${child.pid} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: unknown) => {
      if (accept(message)) finish(undefined, message);
    };
    const onExit = (code: number | null) => finish(new Error(`child ${child.pid} exited (${code}) before it was ready`));
    function finish(error?: Error, message?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as T);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Asks a child to stop (SIGTERM), and kills it if it has not exited in `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Bundles workflows into a file of a new temporary folder, for worker processes to load. */
export async function bundleToFile(workflowsPath: string, name: string, workflowInterceptorModules: string[] = []): Promise<string> {
  const quiet = { trace: () => {}, debug: () => {}, info: () => {}, warn: console.warn, error: console.error, log: () => {} };
  const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules, logger: quiet });
  const path = join(mkdtempSync(join(os.tmpdir(), 'bench-bundle-')), name);
  writeFileSync(path, code);
  return path;
}
