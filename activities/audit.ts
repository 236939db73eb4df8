// The audit log: who did what, when and why. Keyed by event, so a retried activity
// writes its entry once; the table refuses UPDATE and DELETE.
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

/** Runs inside a caller's transaction or on the database itself. */
export async function writeAudit(db: Pick<Database, 'insert'>, entry: AuditEntry): Promise<void> {
  await db
    .insert(auditLog)
    .values({ ...entry, detail: entry.detail ?? null, reason: entry.reason ?? null })
    .onConflictDoNothing({ target: auditLog.eventKey });
}

export function createAuditActivities(db: Database) {
  return {
    async recordAudit(entry: AuditEntry): Promise<void> {
      await writeAudit(db, entry);
    },
  };
}
