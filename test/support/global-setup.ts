// Once per integration run: one Temporal dev server for all files, and the committed
// migrations applied to the PostgreSQL that scripts/test.sh started.
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { startDevServer } from '../../scripts/lib/temporal-servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    devServerAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is unset: run the tests with `npm test`, which starts PostgreSQL');
  const handle = await openDatabase({ url });
  await migrateDatabase(handle);
  await handle.close();

  const devServer = await startDevServer();
  project.provide('devServerAddress', devServer.address);
  return async () => {
    await devServer.teardown();
  };
}
