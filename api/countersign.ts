// Four eyes on a yearly verification whose amount moved beyond the notice's share: the
// countersign task names the verification it checks (its subject), and the officer who
// closed that verification may neither claim nor decide it. The case's validator
// refuses the same; this answers 403 from the read model before the case is asked.
import type { Database } from '../db/client.js';
import { COUNTERSIGN_BY_VERIFIER } from '../domain/task-kinds.js';
import { TaskKind } from '../domain/vocabulary.js';
import type { Actor } from '../domain/vocabulary.js';
import { HttpProblem } from './problem.js';
import { findTaskWithCase } from './repositories/tasks.js';

export async function refuseCountersignByVerifier(db: Database, actor: Actor, task: { kind: string; subject: string | null }): Promise<void> {
  if (task.kind !== TaskKind.YearlyCountersign || task.subject === null) return;
  const verification = await findTaskWithCase(db, task.subject);
  if (verification?.task.closedBy === actor.userId) throw new HttpProblem(403, COUNTERSIGN_BY_VERIFIER);
}
