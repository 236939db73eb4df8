// Bad starts: each process refuses bad configuration at once with one line saying
// what to fix (exit 78), instead of hanging or printing a stack trace once things
// run. Traffic goes to loopback only.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_CONFIGURATION_EXIT } from '../../../startup/errors.js';
import { createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { startHarness } from '../api/fixtures.js';
import type { ApiHarness } from '../api/fixtures.js';

const GOOD_SECRET = 'a-probe-secret-that-is-long-enough-0123456789';

interface Ended {
  code: number | null;
  stderr: string;
  seconds: number;
}

/** Runs a TypeScript entry point with exactly these settings (plus PATH), and waits for it to end. */
function run(entry: string, env: Record<string, string>, timeoutMs = 30_000): Promise<Ended> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, seconds: (Date.now() - started) / 1000 });
    }),
  );
}

function expectOneLine(ended: Ended, pattern: RegExp): void {
  expect(ended.code, ended.stderr).toBe(BAD_CONFIGURATION_EXIT);
  const lines = ended.stderr.trim().split('\n');
  expect(lines, ended.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^cannot start: /);
  expect(lines[0]).toMatch(pattern);
}

/** A loopback listener that accepts connections and never says a word, as a black-holed database does. */
async function silentListener(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port something already listens on. */
async function takenPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the API process (api/server.ts)', () => {
  it('refuses a short token secret, the one rule npm start applies too', async () => {
    expectOneLine(await run('api/server.ts', { AUTH_SECRET: 'x' }), /AUTH_SECRET is 1 characters long: it must be at least 32/);
    expectOneLine(await run('api/server.ts', {}), /AUTH_SECRET is not set/);
  });

  it('refuses a database that accepts and never answers, within its connect timeout', async () => {
    const silent = await silentListener();
    try {
      const ended = await run('api/server.ts', {
        AUTH_SECRET: GOOD_SECRET,
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: `postgres://nobody@127.0.0.1:${silent.port}/nothing`,
        DATABASE_CONNECT_TIMEOUT: '1',
      });
      expectOneLine(ended, new RegExp(`cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${silent.port}/nothing \\(DATABASE_URL\\) within 1 s: it accepted the connection but never answered`));
      expect(ended.seconds).toBeLessThan(15);
    } finally {
      await silent.close();
    }
  });

  it('refuses a port in use before it opens anything', async () => {
    const taken = await takenPort();
    try {
      expectOneLine(await run('api/server.ts', { AUTH_SECRET: GOOD_SECRET, HOST: '127.0.0.1', PORT: String(taken.port) }), new RegExp(`port ${taken.port} on 127\\.0\\.0\\.1 is already in use \\(PORT\\)`));
    } finally {
      await taken.close();
    }
  });

  it('refuses a DATABASE_URL that is not one', async () => {
    expectOneLine(await run('api/server.ts', { AUTH_SECRET: GOOD_SECRET, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: 'localhost:5432' }), /DATABASE_URL is not a URL such as postgres:/);
  });
});

describe('the main job (npm start: scripts/start-system.ts)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ai-subsidy-bad-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('applies the same secret rule to AUTH_SECRET', async () => {
    expectOneLine(await run('scripts/start-system.ts', { AUTH_SECRET: 'short', DATA_DIR: dataDir }), /AUTH_SECRET is 5 characters long: it must be at least 32/);
  });

  it('refuses a taken API port before the dev server or the worker start', async () => {
    const taken = await takenPort();
    try {
      expectOneLine(await run('scripts/start-system.ts', { DATA_DIR: dataDir, PORT: String(taken.port) }), new RegExp(`port ${taken.port} on 127\\.0\\.0\\.1 is already in use \\(PORT\\)`));
      // Nothing ran: no Temporal state, no embedded database were made.
      expect(readdirSync(dataDir).sort()).toEqual(['auth-secret']);
    } finally {
      await taken.close();
    }
  });
});

describe('the worker process (worker/main.ts)', () => {
  it('refuses to start without DATABASE_URL', async () => {
    expectOneLine(await run('worker/main.ts', {}), /DATABASE_URL is not set/);
  });
});

describe('notice settings', () => {
  let h: ApiHarness;
  let admin: TestUser;
  beforeAll(async () => {
    h = await startHarness();
    admin = await createTestUser(h.database.db, 'admin');
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    ['taskDue', '100000000000 days'],
    ['noticePeriod', '367 days'],
    ['escalationStep', '0s'],
    ['noticePollInterval', '500ms'],
  ])('refuses %s of %s with a 400 naming it', async (setting, value) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/notices',
      headers: admin.headers,
      payload: {
        year: h.year,
        applicationOpensOn: `${h.year}-03-01`,
        applicationClosesOn: `${h.year}-09-30`,
        reportingOpensOn: `${h.year}-11-01`,
        reportingClosesOn: `${h.year}-12-15`,
        programs: { 'A5-DATA-REGISTER': { budgetFen: 1_000_000 } },
        settings: { [setting]: value },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: `body.settings.${setting}`, message: 'must be between 1 second and 366 days' }]);
  });
});
