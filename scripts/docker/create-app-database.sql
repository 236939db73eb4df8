-- The read model's own database and the application's role, beside Temporal's. The
-- role is no superuser: read-model-setup (scripts/prepare-read-model.ts) hands the
-- audit log and the public schema to others, so it may only insert and read the log.
CREATE USER subsidy WITH PASSWORD 'subsidy';
CREATE DATABASE subsidy OWNER subsidy;
