// The soak's processes and how it hurts them: a child process kept running (the
// worker, the API) that can be killed (SIGKILL) or stopped gracefully (SIGTERM) and
// is started again, the Temporal dev server on a SQLite file (so a restart resumes
// every case), and PostgreSQL restarted with pg_ctl. Everything listens on 127.0.0.1.
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServer } from '../lib/temporal-servers.js';
import { forkTs, nextMessage, sleep } from './lib.js';

const run = promisify(execFile);

export interface ProcessEvents {
  /** Starts, including the first. */
  starts: number;
  /** Exits nobody asked for (a crash); each is followed by a new start. */
  unexpectedExits: number;
  /** Graceful stops that had not ended after the grace period and were killed. */
  gracefulTimeouts: number;
  /** Longest time from a stop (kill or SIGTERM) to the next process being ready, in ms. */
  longestRecoveryMs: number;
}

/**
 * One TypeScript child process (worker or API) kept running: started again after it
 * exits, whether it was asked to or not. Ready when it sends `{ kind: 'ready' }`.
 */
export class Supervised {
  readonly events: ProcessEvents = { starts: 0, unexpectedExits: 0, gracefulTimeouts: 0, longestRecoveryMs: 0 };
  private child: ChildProcess | undefined;
  private stopped = false;
  private expectingExit = false;
  private starting: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private readonly path: string,
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
    /** Where the process's output goes (a file descriptor): faults make the worker's logs long. */
    private readonly output?: number,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and waits until it is ready, trying again while it fails to start. */
  start(): Promise<void> {
    this.starting ??= this.startUntilReady().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startUntilReady(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      const child = forkTs(this.path, this.env, [], this.output);
      this.child = child;
      this.events.starts += 1;
      try {
        await nextMessage(child, (m): m is { kind: 'ready' } => (m as { kind?: string }).kind === 'ready', 120_000);
        child.once('exit', (code, signal) => this.onExit(child, code, signal));
        return;
      } catch (error) {
        this.log(`${this.name}: start ${attempt} failed (${String(error)}); trying again`);
        child.kill('SIGKILL');
        await sleep(Math.min(5_000, 500 * attempt));
      }
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: string | null): void {
    if (this.stopped || this.expectingExit || child !== this.child) return;
    this.events.unexpectedExits += 1;
    this.log(`${this.name} exited by itself (${signal ?? code}); starting it again`);
    // Unless a restart has started another in the meantime.
    void sleep(1_000).then(() => (this.child === child ? this.start() : undefined));
  }

  /** kill -9, then a new process; resolves once it is ready. */
  kill(): Promise<void> {
    return this.restart(async (child) => {
      child.kill('SIGKILL');
    });
  }

  /** SIGTERM (as a deploy does), the process finishes what it holds; then a new one. */
  restartGracefully(graceMs: number): Promise<void> {
    return this.restart(async (child, exited) => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        this.events.gracefulTimeouts += 1;
        this.log(`${this.name} did not stop within ${graceMs} ms of SIGTERM: killed`);
        child.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    });
  }

  private async restart(stop: (child: ChildProcess, exited: Promise<void>) => Promise<void>): Promise<void> {
    await this.starting;
    const child = this.child;
    const started = performance.now();
    if (child && child.exitCode === null && child.signalCode === null) {
      this.expectingExit = true;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await stop(child, exited);
      await exited;
      this.expectingExit = false;
    }
    await this.start();
    this.events.longestRecoveryMs = Math.max(this.events.longestRecoveryMs, Math.round(performance.now() - started));
  }

  /** SIGTERM, SIGKILL after `graceMs`; not started again (also a process still starting). */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    await this.starting?.catch(() => {});
  }
}

/** The Temporal CLI dev server on a fixed port and a SQLite file: a restart resumes where it stopped. */
export class TemporalDevServer {
  private env: TestWorkflowEnvironment | undefined;
  restarts = 0;
  longestRestartMs = 0;

  constructor(
    readonly port: number,
    private readonly dbFilename: string,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.env = await startDevServer({ port: this.port, dbFilename: this.dbFilename });
  }

  async restart(): Promise<void> {
    const started = performance.now();
    await this.stop();
    await this.start();
    this.restarts += 1;
    this.longestRestartMs = Math.max(this.longestRestartMs, Math.round(performance.now() - started));
  }

  async stop(): Promise<void> {
    const env = this.env;
    this.env = undefined;
    await env?.teardown();
  }
}

/**
 * The throwaway cluster `scripts/bench/run.sh soak` started (PG_TEST_DIR, PG_BINDIR):
 * `pg_ctl restart -m fast` (every session is cut off), as the cluster's owner.
 */
export class PostgresCluster {
  restarts = 0;
  longestRestartMs = 0;

  private constructor(
    private readonly dataDir: string,
    private readonly logFile: string,
    private readonly pgCtl: string,
  ) {}

  /** The cluster run.sh started, or undefined when DATABASE_URL points elsewhere. */
  static fromEnvironment(): PostgresCluster | undefined {
    const dir = process.env.PG_TEST_DIR;
    const bin = process.env.PG_BINDIR;
    return dir && bin ? new PostgresCluster(`${dir}/data`, `${dir}/server.log`, `${bin}/pg_ctl`) : undefined;
  }

  async restart(): Promise<void> {
    const started = performance.now();
    const command = [this.pgCtl, '-D', this.dataDir, '-l', this.logFile, '-w', '-m', 'fast', 'restart'];
    // PostgreSQL refuses to run as root: as scripts/lib/postgres.sh does, run as its owner.
    const [file, ...args] = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...command] : command;
    await run(file!, args, { timeout: 60_000 });
    this.restarts += 1;
    this.longestRestartMs = Math.max(this.longestRestartMs, Math.round(performance.now() - started));
  }
}
