// What every browser test of the workspace runs on: the real API serving the built
// workspace on a real port, the real worker on the run's Temporal dev server, the real
// PostgreSQL, and Debian's Chromium. People sign in with user id and password, each in
// a browser context of their own; the office's clock stands in the notice year's
// application window (the workflow's timers run on the dev server's clock).
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { registerApp, serverOptions } from '../../api/app.js';
import { hashPassword } from '../../api/sign-in/passwords.js';
import type { DatabaseHandle } from '../../db/client.js';
import { users } from '../../db/schema.js';
import type { Role } from '../../domain/vocabulary.js';
import { createCaseWorker } from '../../worker/create-worker.js';
import { uniqueYear } from '../integration/api/fixtures.js';
import { createTestUser, testTokens } from './api-client.js';
import type { TestUser } from './api-client.js';
import { launchChromium } from './browser.js';
import { openTestDatabase, uniqueId } from './database.js';
import { bundleCaseWorkflows } from './workflow-bundle.js';
import { signIn } from './workspace-driver.js';
import type { Person } from './workspace-driver.js';

export const PASSWORD = 'browser-test-password';
const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface WorkspaceEnv {
  env: TestWorkflowEnvironment;
  database: DatabaseHandle;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  /** The queue the API starts cases on and the worker serves. */
  taskQueue: string;
  /** The case workflows' bundle (for a file's own workers beside the shared one). */
  workflowBundle: WorkflowBundleWithSourceMap;
  /** The notice year this file has to itself (and the next one, when asked for). */
  year: number;
  /** A person who signs in with PASSWORD (no change required), with a bearer token for set-up through the API. */
  person(role: Role, extra?: { organisation?: string; specialties?: string[]; enterpriseId?: string }): Promise<TestUser>;
  /** Gives an existing user PASSWORD (experts of other files may be drawn). */
  givePassword(userId: string): Promise<void>;
  /** Signs in in a new browser context and waits for the workspace. */
  open(userId: string, password?: string): Promise<Page>;
  /** Signs in in a new browser context without waiting (first sign-ins that must change the password). */
  signInOnly(userId: string, password: string): Promise<Page>;
  close(): Promise<void>;
}

/** Two consecutive notice years no other file or run uses. */
async function twoUnusedYears(database: DatabaseHandle): Promise<number> {
  let previous = await uniqueYear(database);
  for (;;) {
    const next = await uniqueYear(database);
    if (next === previous + 1) return previous;
    previous = next;
  }
}

export interface WorkspaceEnvOptions {
  /** Reserve `year + 1` as well (a second support year, next year's notice). */
  consecutiveYears?: boolean;
  /** The office's clock stands in `year + 1`'s application window instead (needs consecutiveYears). */
  clockInNextYear?: boolean;
  /** The key the API encrypts the SMTP password with (the mail settings page needs one). */
  mailSecret?: string;
}

export async function startWorkspaceEnv(name: string, options: WorkspaceEnvOptions = {}): Promise<WorkspaceEnv> {
  const [env, database, bundle, chromium] = await Promise.all([
    TestWorkflowEnvironment.createFromExistingServer({ address: inject('devServerAddress') }),
    openTestDatabase(),
    bundleCaseWorkflows(),
    launchChromium(),
  ]);
  const year = options.consecutiveYears ? await twoUnusedYears(database) : await uniqueYear(database);
  const taskQueue = uniqueId(name);
  const worker: Worker = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: bundle });
  const workerRun = worker.run();
  const app = Fastify(serverOptions(false));
  const clockYear = options.clockInNextYear ? year + 1 : year;
  await registerApp(app, {
    db: database.db,
    temporal: env.client,
    tokens: testTokens,
    taskQueue,
    now: () => new Date(`${clockYear}-06-15T02:00:00Z`),
    webRoot: WEB_ROOT,
    ...(options.mailSecret !== undefined && { mailSecret: options.mailSecret }),
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const people: Person[] = [];
  const givePassword = async (userId: string) => {
    await database.db.update(users).set({ passwordHash: await hashPassword(PASSWORD), passwordMustChange: false }).where(eq(users.id, userId));
  };
  const signInOnly = async (userId: string, password: string) => {
    const person = await signIn(chromium.browser, baseUrl, userId, password);
    people.push(person);
    return person.page;
  };
  return {
    env,
    database,
    app,
    baseUrl,
    browser: chromium.browser,
    taskQueue,
    workflowBundle: bundle,
    year,
    async person(role, extra = {}) {
      const user = await createTestUser(database.db, role, extra);
      await givePassword(user.actor.userId);
      return user;
    },
    givePassword,
    signInOnly,
    async open(userId, password = PASSWORD) {
      const page = await signInOnly(userId, password);
      await page.getByTestId('signed-in-as').waitFor();
      return page;
    },
    async close() {
      for (const person of people) await person.context.close().catch(() => {});
      await chromium.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      await app.close();
      await database.close();
      await env.teardown();
    },
  };
}
