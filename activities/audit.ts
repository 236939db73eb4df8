// The audit log: who did what, when and why. Keyed by event, so a retried activity
// writes its entry once; the table refuses UPDATE and DELETE.
import type { WithSubquery } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { auditLog } from '../db/schema.js';

export interface AuditEntry {
  eventKey: string;
  caseId: string | null;
  actor: string;
  action: string;
  detail?: unknown;
  reason?: string | undefined;
}

const auditRow = (entry: AuditEntry) => ({ ...entry, detail: entry.detail ?? null, reason: entry.reason ?? null });

/** Runs inside a caller's transaction or on the database itself. */
export async function writeAudit(db: Pick<Database, 'insert'>, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(entry)).onConflictDoNothing({ target: auditLog.eventKey });
}

/**
 * A read-model change and its audit entry as one statement: the change runs as a
 * data-modifying WITH query, so both are atomic in a single round trip (a transaction
 * took five: BEGIN, the writes, COMMIT; projections run for every task of every case).
 */
export async function changeWithAudit(db: Database, changes: WithSubquery[], entry: AuditEntry): Promise<void> {
  await db
    .with(...changes)
    .insert(auditLog)
    .values(auditRow(entry))
    .onConflictDoNothing({ target: auditLog.eventKey });
}

export function createAuditActivities(db: Database) {
  return {
    async recordAudit(entry: AuditEntry): Promise<void> {
      await writeAudit(db, entry);
    },
  };
}
