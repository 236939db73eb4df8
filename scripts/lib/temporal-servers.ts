// Starts Temporal servers for the main job and the tests. The executables come from
// the tools cache (scripts/lib/temporal-tools.sh exports their paths); without them
// the SDK downloads its own, which needs internet.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import proto from '@temporalio/proto';
import { caseSearchAttributes } from '../../workflows/search-attributes.js';

function executableFrom(envVar: string): EphemeralServerExecutable {
  const path = process.env[envVar];
  return path ? { type: 'existing-path', path } : { type: 'cached-download' };
}

export interface DevServerOptions {
  port?: number;
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFilename?: string;
}

/** The Temporal CLI dev server: persistence, Web UI, visibility, search attributes. */
export function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: executableFrom('TEMPORAL_CLI_PATH'),
      ip: '127.0.0.1',
      ...(options.port !== undefined && { port: options.port }),
      ...(options.uiPort !== undefined && { ui: true, uiPort: options.uiPort }),
      ...(options.dbFilename !== undefined && { dbFilename: options.dbFilename }),
      searchAttributes: caseSearchAttributes,
      log: { format: 'pretty', level: 'error' },
    },
  });
}

/**
 * The Java time-skipping test server; the SDK locks and unlocks time itself. It takes
 * no search attributes on its command line, so they are registered once it listens.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: executableFrom('TEMPORAL_TEST_SERVER_PATH') },
  });
  const keyword = proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(caseSearchAttributes.map((key) => [key.name, keyword])),
  });
  return env;
}
