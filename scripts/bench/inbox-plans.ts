// The server's side of one inbox load, as PostgreSQL runs it on the seeded tasks: the
// officer's first page (the union of the role's pool and the tasks assigned to the
// officer, each branch walking a partial index on open tasks in due order) and the
// counts per filter. The statements mirror api/repositories/tasks.ts (inbox() for the
// staff branch without filters, inboxCounts()); EXPLAIN ANALYZE runs them for real.
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

export interface QueryPlan {
  query: string;
  executionMs: number;
  indexes: string[];
  plan: string[];
}

async function explain(db: Database, query: string, statement: SQL): Promise<QueryPlan> {
  const result = await db.execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers) ${statement}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { 'QUERY PLAN': string }[] }).rows) as { 'QUERY PLAN': string }[];
  const plan = rows.map((r) => r['QUERY PLAN']);
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))?.[1] ?? NaN);
  const indexes = [...new Set(plan.flatMap((line) => [...line.matchAll(/using (\w+)/gi)].map((m) => m[1]!)))];
  return { query, executionMs, indexes, plan };
}

export async function inboxPlans(db: Database, officerId: string): Promise<QueryPlan[]> {
  const columns = sql`id, case_id, kind, stage, program, role, assignee, subject,
    to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as due_at_iso, due_at, escalation,
    to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at_iso`;
  const page = sql`(select ${columns} from tasks where status = 'open' and role = 'officer' order by due_at, id limit 51)
    union all
    (select ${columns} from tasks where status = 'open' and assignee = ${officerId} and role <> 'officer' order by due_at, id limit 51)
    order by due_at, id limit 51`;
  const counts = sql`select program, stage, kind, count(*)::int as count, (count(*) filter (where due_at < now()))::int as overdue
    from tasks where status = 'open' and (role = 'officer' or assignee = ${officerId})
    group by program, stage, kind`;
  return [await explain(db, 'inbox: first page (GET /tasks?limit=50)', page), await explain(db, 'inbox: counts per filter (GET /tasks/counts)', counts)];
}
