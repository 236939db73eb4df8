// Object-level authorization (OWASP API1): which case and which task a caller may
// see or act on. A case or task the caller may not see answers 404, as if it did not
// exist; one it may see but not act on answers 403.
import type { Database } from '../db/client.js';
import { Role } from '../domain/vocabulary.js';
import type { Actor } from '../domain/vocabulary.js';
import { HttpProblem } from './problem.js';
import { findCase } from './repositories/cases.js';
import type { CaseRow } from './repositories/cases.js';
import { sitsOnPanel } from './repositories/panel.js';
import type { TaskWithCase } from './repositories/tasks.js';

/** Staff who may read every case. */
export const CASE_STAFF: readonly Role[] = [Role.Officer, Role.Committee, Role.Finance, Role.Supervisor, Role.Ops];
/** Everyone who may read some case. */
export const CASE_READERS: Role[] = [Role.Applicant, Role.Expert, ...CASE_STAFF];

/** An expert reads a case only while it sits on its panel: a declared conflict ends that. */
export async function mayReadCase(db: Database, actor: Actor, row: CaseRow): Promise<boolean> {
  if (actor.role === Role.Applicant) return actor.enterpriseId === row.enterpriseId;
  if (actor.role === Role.Expert) return sitsOnPanel(db, row.id, actor.userId);
  return CASE_STAFF.includes(actor.role);
}

/** The case, if the caller may read it; else 404. */
export async function readableCase(db: Database, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = await findCase(db, caseId);
  if (!row || !(await mayReadCase(db, actor, row))) throw new HttpProblem(404, `no case ${caseId}`);
  return row;
}

/** May the caller see that this task exists? Applicants: their enterprise's; experts: their own. */
export function maySeeTask(actor: Actor, found: TaskWithCase): boolean {
  if (actor.role === Role.Applicant) return found.enterpriseId === actor.enterpriseId;
  if (actor.role === Role.Expert) return found.task.assignee === actor.userId;
  return actor.role !== Role.Admin;
}

/** 403 unless the task is for the caller's role and unclaimed or claimed by the caller (any user of the enterprise for an applicant's task). */
export function assertMayAct(actor: Actor, found: TaskWithCase): void {
  const { task } = found;
  if (task.role !== actor.role) throw new HttpProblem(403, `this ${task.kind} task is for the role ${task.role}`);
  // An enterprise's task is answered by whoever acts for the enterprise.
  if (actor.role === Role.Applicant) return;
  if (task.assignee !== null && task.assignee !== actor.userId) {
    throw new HttpProblem(403, `this task is assigned to ${actor.role === Role.Expert ? 'another expert' : task.assignee}`);
  }
}
