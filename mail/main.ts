// The mail sender as its own process (production shape: beside the API and the
// worker). DATABASE_URL says where the read model is, AUTH_SECRET opens the SMTP
// password, WORKSPACE_URL is put in each e-mail as the link; MAIL_LEASE_SECONDS,
// MAIL_BATCH_SIZE and MAIL_IDLE_MS tune it (tests shorten them). SIGINT/SIGTERM finish
// the message in flight first.
import { openReadModel, readModelOptionsFromEnv } from '../startup/database.js';
import { orRefuse, StartupError } from '../startup/errors.js';
import { checkedTokenSecret } from '../startup/secret.js';
import { createMailSender } from './sender.js';

const secret = await orRefuse(() => checkedTokenSecret(process.env.AUTH_SECRET));
const handle = await orRefuse(() => {
  const options = readModelOptionsFromEnv(process.env);
  if (!options.url) throw new StartupError('DATABASE_URL is not set: the mail sender needs the PostgreSQL server of the read model');
  return openReadModel(options);
});
const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const sender = createMailSender({
  db: handle.db,
  secret,
  workspaceUrl: process.env.WORKSPACE_URL,
  ...(number('MAIL_LEASE_SECONDS') !== undefined && { leaseSeconds: number('MAIL_LEASE_SECONDS') }),
  ...(number('MAIL_BATCH_SIZE') !== undefined && { batchSize: number('MAIL_BATCH_SIZE') }),
  ...(number('MAIL_IDLE_MS') !== undefined && { idleMs: number('MAIL_IDLE_MS') }),
  log: (line) => console.error(line),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => sender.stop());
console.error('mail sender: running');
await sender.run();
await handle.close();
