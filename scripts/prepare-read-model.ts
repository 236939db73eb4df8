// Prepares the read model once, before the API and the worker start (docker-compose's
// read-model-setup): migrations as the application's role (DATABASE_URL), then the
// audit log handed to audit_log_owner by a superuser (DATABASE_ADMIN_URL), then the
// application's role checked. The API and the worker need only DATABASE_URL after it.
import { openReadModel, readModelOptionsFromEnv } from '../startup/database.js';
import { orRefuse, StartupError } from '../startup/errors.js';

const handle = await orRefuse(() => {
  const options = readModelOptionsFromEnv(process.env);
  if (!options.url) throw new StartupError('DATABASE_URL is not set: give the application role’s connection, and DATABASE_ADMIN_URL a superuser’s on the same database');
  if (!options.adminUrl) throw new StartupError('DATABASE_ADMIN_URL is not set: give a superuser’s connection to the same database, so the audit log can be handed to audit_log_owner');
  return openReadModel(options);
});
await handle.close();
console.log('read model ready: migrated, audit log owned by audit_log_owner, the application role may only insert and read it');
