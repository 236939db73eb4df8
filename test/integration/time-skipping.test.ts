// The Java test server from Maven Central, driven by the SDK: a 30-day timer passes
// in a moment of wall time.
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTimeSkippingServer } from '../../scripts/lib/temporal-servers.js';
import { uniqueId } from '../support/database.js';
import { bundleWorkflows } from '../support/workflow-bundle.js';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkippingServer();
});
afterAll(async () => {
  await env?.teardown();
});

it('skips a 30-day timer without waiting for it', async () => {
  const taskQueue = uniqueId('timer');
  const workflowBundle = await bundleWorkflows(fileURLToPath(new URL('../support/timer-workflow.ts', import.meta.url)));
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
  const serverTimeBefore = await env.currentTimeMs();
  const started = performance.now();
  const result = await worker.runUntil(
    env.client.workflow.execute('sleepThirtyDays', { taskQueue, workflowId: uniqueId('sleep') }),
  );
  const wallMs = performance.now() - started;
  expect(result).toBe('woke');
  expect(await env.currentTimeMs()).toBeGreaterThanOrEqual(serverTimeBefore + 30 * 24 * 3600 * 1000);
  // Thirty days of server time, a moment of wall time (measured: see the printed figure).
  console.info(`30-day timer: ${wallMs.toFixed(0)} ms of wall time`);
  expect(wallMs).toBeLessThan(3000);
});
