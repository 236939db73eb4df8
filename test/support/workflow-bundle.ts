// Bundles workflow code once per test file (webpack is the slow part), quietly.
import { bundleWorkflowCode } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowInterceptorModules, workflowsPath } from '../../worker/create-worker.js';

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };

export function bundleWorkflows(path: string): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: path, logger: quietLogger });
}

export function bundleCaseWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, workflowInterceptorModules, logger: quietLogger });
}
