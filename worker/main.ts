// The worker as its own process (production shape: see docker-compose.yml).
import { NativeConnection } from '@temporalio/worker';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { createCaseWorker } from './create-worker.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required for the standalone worker');
const handle = await openDatabase({ url: databaseUrl });
await migrateDatabase(handle);
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
const worker = await createCaseWorker({ connection, db: handle.db, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
await worker.run(); // returns after SIGINT/SIGTERM, once in-flight tasks finish
await connection.close();
await handle.close();
