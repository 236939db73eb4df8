// Versioning: the histories of real runs, committed under test/replay/histories, are
// replayed against the current workflow code. A change that would break a running
// case (a non-determinism) fails here, before it is deployed.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { historiesFolder, readHistory } from '../support/history-recorder.js';
import { bundleCaseWorkflows } from '../support/workflow-bundle.js';
import { workflowInterceptorModules, workflowsPath } from '../../worker/create-worker.js';

const files = readdirSync(historiesFolder).filter((f) => f.endsWith('.pb')).sort();
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleCaseWorkflows();
});

describe('replay of recorded case histories', () => {
  it('has recorded histories of every kind of ending', () => {
    const cases = new Set(files.map((f) => f.replace(/\.run\d+\.pb$/, '')));
    expect([...cases]).toEqual(expect.arrayContaining(['one-off-paid', 'a6-three-years', 'revoked-after-year-1', 'a4-year-2-missed', 'withdrawn-by-applicant']));
  });

  it.each(files)('%s replays deterministically on the current code', async (file) => {
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: file }, readHistory(file))).resolves.toBeUndefined();
  });

  it('fails on a change made without patched(): the guard is what keeps old cases replaying', async () => {
    const alwaysPatched = fileURLToPath(new URL('../support/patches-always-on.ts', import.meta.url));
    const unguarded = await bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
      webpackConfigHook: (config) => {
        config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as object), '@temporalio/workflow$': alwaysPatched } };
        return config;
      },
    });
    // A recorded case that closed before the patch existed.
    await expect(Worker.runReplayHistory({ workflowBundle: unguarded }, readHistory('one-off-paid.run1.pb'))).rejects.toThrow(/[Nn]ondetermin/);
  });

  it('fails on the second-officer check without its guard: later years recorded before it replay only through patched()', async () => {
    const onlyThisPatch = fileURLToPath(new URL('../support/second-officer-patch-always-on.ts', import.meta.url));
    const unguarded = await bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
      webpackConfigHook: (config) => {
        config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as object), '@temporalio/workflow$': onlyThisPatch } };
        return config;
      },
    });
    // Year 2 of an A6 award: the unguarded check asks for the previous year's amount where the history has the committee's budget.
    await expect(Worker.runReplayHistory({ workflowBundle: unguarded }, readHistory('a6-three-years.ordered.run2.pb'))).rejects.toThrow(/[Nn]ondetermin/);
    // Year 1 never reaches it.
    await expect(Worker.runReplayHistory({ workflowBundle: unguarded }, readHistory('a6-three-years.ordered.run1.pb'))).resolves.toBeUndefined();
  });
});
