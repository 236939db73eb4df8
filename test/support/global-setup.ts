// Once per integration run: one Temporal dev server for all files, and the committed
// migrations applied to the PostgreSQL that scripts/test.sh started, and its audit log
// handed to its owner as every process's start-up does.
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../scripts/lib/temporal-servers.js';
import { openReadModel } from '../../startup/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    devServerAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is unset: run the tests with `npm test`, which starts PostgreSQL');
  // As the processes start: migrated, the audit log handed to its owner, the app role checked.
  const handle = await openReadModel({ url, adminUrl: process.env.DATABASE_ADMIN_URL });
  await handle.close();

  const devServer = await startDevServer();
  project.provide('devServerAddress', devServer.address);
  return async () => {
    await devServer.teardown();
  };
}
