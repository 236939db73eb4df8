// Versioning: the histories of real runs, committed under test/replay/histories, are
// replayed against the current workflow code. A change that would break a running
// case (a non-determinism) fails here, before it is deployed.
import { readdirSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { historiesFolder, readHistory } from '../support/history-recorder.js';
import { bundleCaseWorkflows } from '../support/workflow-bundle.js';

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
});
