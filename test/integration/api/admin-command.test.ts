// `npm run admin`: creates enterprises and users in the database, issues tokens the
// API accepts, and refuses clearly while the main job holds the embedded database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueId } from '../../support/database.js';
import { startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

const run = promisify(execFile);
// The secret test/support/api-client.ts signs with, so the API accepts the command's tokens.
const AUTH_SECRET = 'test-secret-not-for-production-0123456789';

async function admin(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/admin.ts', ...args], { env: { ...process.env, AUTH_SECRET, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let h: ApiHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('npm run admin', () => {
  it('creates an enterprise and an applicant, and issues a token the API accepts', async () => {
    const enterpriseId = uniqueId('cli-ent');
    const userId = uniqueId('cli-user');
    const env = { DATABASE_URL: process.env.DATABASE_URL };
    expect((await admin(['create-enterprise', '--id', enterpriseId, '--name', '命令行公司', '--organisation', '命令行集团'], env)).code).toBe(0);
    const created = await admin(['create-user', '--id', userId, '--name', '张三', '--role', 'applicant', '--enterprise', enterpriseId], env);
    expect(created.code, created.stderr).toBe(0);
    const duplicate = await admin(['create-user', '--id', userId, '--name', '张三', '--role', 'applicant', '--enterprise', enterpriseId], env);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain(`a user ${userId} already exists`);

    const issued = await admin(['issue-token', '--id', userId, '--ttl', '1h'], env);
    expect(issued.code, issued.stderr).toBe(0);
    const token = issued.stdout.split('\n')[0]!;
    const me = await h.app.inject({ url: '/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ id: userId, role: 'applicant', enterpriseId });

    expect((await admin(['deactivate', '--id', userId], env)).code).toBe(0);
    expect((await h.app.inject({ url: '/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('names what is wrong with a command', async () => {
    const env = { DATABASE_URL: process.env.DATABASE_URL };
    const badRole = await admin(['create-user', '--id', uniqueId('u'), '--name', 'X', '--role', 'king'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of');
    const unknownOption = await admin(['create-user', '--bogus', '1'], env);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("Unknown option '--bogus'");
  });

  it('refuses, showing the API call instead, while the main job holds the embedded database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'admin-'));
    try {
      writeFileSync(join(dataDir, 'main-job.json'), JSON.stringify({ pid: process.pid, apiUrl: 'http://127.0.0.1:3000' }));
      const res = await admin(['create-user', '--id', 'newbie', '--name', '新人', '--role', 'officer'], { DATABASE_URL: '', DATA_DIR: dataDir });
      expect(res.code).toBe(3);
      expect(res.stderr).toContain(`The main job (pid ${process.pid}) is running on the embedded database`);
      expect(res.stderr).toContain(`curl -X POST http://127.0.0.1:3000/users`);
      expect(res.stderr).toContain('"id":"newbie"');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
