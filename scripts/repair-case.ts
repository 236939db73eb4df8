// Operator command: brings back a case whose workflow task fails for good because its
// history no longer replays under the current code (README, "When a case is stuck").
//
//   npm run repair-case -- <applicationId> [--dry-run]
//
// Talks to TEMPORAL_ADDRESS (default localhost:7233), namespace TEMPORAL_NAMESPACE
// (default "default"). Prints what it found and did as JSON; exit 0 when the case
// replays (nothing to do) or was reset, 2 for a bad argument, 1 on any other failure.
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { workflowInterceptorModules, workflowsPath } from '../worker/create-worker.js';
import { caseWorkflowId, reconcileReadModelUpdate } from '../workflows/subsidy-case/messages.js';
import { repairCase } from './lib/case-repair.js';

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };
// Standard output carries only the JSON result; the replays' expected failures stay quiet.
Runtime.install({
  logger: new DefaultLogger('ERROR', (entry) => console.error(entry.message)),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }), forward: {} } },
});

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } }, allowPositionals: true });
  const [applicationId] = positionals;
  if (!applicationId || positionals.length > 1 || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/.test(applicationId)) {
    console.error('usage: npm run repair-case -- <applicationId> [--dry-run]');
    return 2;
  }
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  try {
    const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    const bundle = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules, logger: quiet });
    const workflowId = caseWorkflowId(applicationId);
    const result = await repairCase(client, workflowId, bundle, { dryRun: values['dry-run'] });
    let reconciled = false;
    if (result.newRunId) {
      // The new run writes its open tasks over whatever the lost tasks left in the read model.
      await client.workflow.getHandle(workflowId, result.newRunId).executeUpdate(reconcileReadModelUpdate, { args: [{ actor: { userId: 'repair-case', role: 'ops' } }] });
      reconciled = true;
    }
    const verdict = !result.divergence ? 'replays: nothing to repair' : result.newRunId ? 'reset and reconciled' : 'would reset (dry run)';
    console.log(JSON.stringify({ verdict, ...result, reconciled }, null, 2));
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`repair-case: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
