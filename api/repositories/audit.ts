// The audit log: append-only at the database. The API writes entries only for its
// own administrative actions (users, enterprises, notices); case entries come from
// the workflows' activities.
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AdminAction {
  actor: string;
  action: string;
  detail: unknown;
  reason?: string | undefined;
  caseId?: string | undefined;
}

export async function appendAdminAudit(db: Database, entry: AdminAction): Promise<void> {
  await db.insert(auditLog).values({
    eventKey: `api:${entry.action}:${randomUUID()}`,
    caseId: entry.caseId ?? null,
    actor: entry.actor,
    action: entry.action,
    reason: entry.reason ?? null,
    detail: entry.detail,
  });
}

export async function auditOfCase(db: Database, caseId: string): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(eq(auditLog.caseId, caseId)).orderBy(asc(auditLog.at), asc(auditLog.id));
}
