// The office, scripted: people who open their inbox (GET /tasks) and act on each open
// task by its kind, through the API only. New kinds of task are covered by adding one
// entry to `actions`; a kind without one is reported and left open (the run then
// stalls and says which). Pooled tasks are shared out among a role's people by task
// id, so two people never race for one task. Applicants are woken by the office's
// notification (a query on the read model standing in for the SMS the office sends),
// then read their own inbox and act like everyone else.
import type { Actor } from '../../domain/vocabulary.js';
import { sleep } from './lib.js';

export interface Person {
  actor: Actor;
  token: string;
}

export interface InboxTask {
  taskId: string;
  caseId: string;
  kind: string;
  role: string;
  program: string;
}

export interface DecisionSample {
  kind: string;
  ms: number;
  at: number;
}

/** An API call as a person; `ms` is the time from sending the request to the whole response. */
type Call = (method: 'GET' | 'POST', path: string, body?: object) => Promise<Reply>;
interface Reply {
  status: number;
  json: unknown;
  ms: number;
}

/** What each kind of task is answered with: the reply to the call that decides it. */
type Action = (task: InboxTask, call: Call) => Promise<Reply>;

const A6_FACTS = { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 };
const decide = (task: InboxTask, call: Call, body: object) => call('POST', `/tasks/${encodeURIComponent(task.taskId)}/decision`, body);

export function scoreSheet(criteria: readonly { name: string; maxPoints: number }[]): Record<string, number> {
  // 80% of each criterion: comfortably above a pass mark of 60.
  return Object.fromEntries(criteria.map((c) => [c.name, Math.floor(c.maxPoints * 0.8)]));
}

export function actionsFor(criteria: readonly { name: string; maxPoints: number }[]): Record<string, Action> {
  const scores = scoreSheet(criteria);
  return {
    'formal-review': (t, call) => decide(t, call, { decision: 'accept' }),
    correction: (t, call) => decide(t, call, { note: 'corrected as asked' }),
    'expert-conflict': (t, call) => decide(t, call, { hasConflict: false }),
    'expert-scoring': (t, call) => decide(t, call, { scores }),
    'committee-decision': async (t, call) => {
      // The committee reads the case for the most the rules allow, then approves it.
      const detail = (await call('GET', `/cases/${encodeURIComponent(t.caseId)}`)).json as { maximumAmountFen?: number | null };
      return decide(t, call, { decision: 'approve', amountFen: detail.maximumAmountFen ?? 1 });
    },
    'payment-confirmation': (t, call) => decide(t, call, { outcome: 'paid', reference: `BANK-${t.taskId}` }),
    'yearly-report': (t, call) => call('POST', `/cases/${encodeURIComponent(t.caseId)}/yearly-reports`, { facts: A6_FACTS }),
    'yearly-verification': (t, call) => decide(t, call, { outcome: 'verified' }),
    'repayment-confirmation': (t, call) => decide(t, call, { reference: `REPAID-${t.taskId}` }),
  };
}

/**
 * fetch, sent again when the connection fails before an answer (a kept-alive socket
 * the server has just closed). Safe here: a decision sent twice is refused as no
 * longer open (409), an application carries its Idempotency-Key.
 */
export async function fetchRetrying(url: string, init: RequestInit, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(20 * attempt);
    }
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface OfficeStats {
  decisions: DecisionSample[];
  inboxReads: number;
  refused: number;
  conflicts: number;
  failures: number;
  unknownKinds: Set<string>;
  lastProgressAt: number;
}

export class Office {
  readonly stats: OfficeStats = { decisions: [], inboxReads: 0, refused: 0, conflicts: 0, failures: 0, unknownKinds: new Set(), lastProgressAt: performance.now() };
  private stopped = false;
  private readonly loops: Promise<void>[] = [];
  private readonly wake = new Map<string, () => void>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly baseUrl: string,
    private readonly actions: Record<string, Action>,
    private readonly options: { perPersonConcurrency: number; idlePollMs: number; onError?: (message: string) => void },
  ) {}

  private call(person: Person): Call {
    return async (method, path, body) => {
      const started = performance.now();
      const res = await fetchRetrying(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${person.token}`, ...(body && { 'content-type': 'application/json' }) },
        ...(body && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined, ms: performance.now() - started };
    };
  }

  /** People who poll their inbox: `share` of `of` takes the pooled tasks whose id hashes to it. */
  poll(person: Person, share?: { index: number; of: number }): void {
    this.loops.push(this.inboxLoop(person, share, false));
  }

  /** People who look at their inbox when notified (see notify). */
  onNotice(person: Person): void {
    this.loops.push(this.inboxLoop(person, undefined, true));
  }

  notify(userId: string): void {
    this.wake.get(userId)?.();
  }

  private async inboxLoop(person: Person, share: { index: number; of: number } | undefined, onNotice: boolean): Promise<void> {
    const call = this.call(person);
    let idle = this.options.idlePollMs;
    const mine = new Set<string>();
    while (!this.stopped) {
      let acted = 0;
      try {
        const res = await call('GET', '/tasks?limit=200');
        this.stats.inboxReads += 1;
        if (res.status !== 200) throw new Error(`GET /tasks as ${person.actor.userId}: ${res.status} ${JSON.stringify(res.json)}`);
        for (const task of (res.json as { items: InboxTask[] }).items) {
          if (share && hash(task.taskId) % share.of !== share.index) continue;
          if (this.inFlight.has(task.taskId) || mine.size >= this.options.perPersonConcurrency) continue;
          const action = this.actions[task.kind];
          if (!action) {
            if (!this.stats.unknownKinds.has(task.kind)) this.options.onError?.(`no scripted action for a ${task.kind} task (${task.taskId}); add one to scripts/bench/actors.ts`);
            this.stats.unknownKinds.add(task.kind);
            continue;
          }
          acted += 1;
          this.inFlight.add(task.taskId);
          mine.add(task.taskId);
          void this.act(task, action, call).finally(() => {
            mine.delete(task.taskId);
            this.inFlight.delete(task.taskId);
          });
        }
      } catch (error) {
        this.stats.failures += 1;
        this.options.onError?.(String(error));
        await sleep(500);
      }
      if (acted > 0) idle = this.options.idlePollMs;
      else idle = Math.min(idle * 2, 1000);
      if (onNotice && acted === 0 && mine.size === 0) await new Promise<void>((resolve) => this.wake.set(person.actor.userId, resolve));
      else await sleep(acted > 0 ? 10 : idle);
    }
  }

  private async act(task: InboxTask, action: Action, call: Call): Promise<void> {
    try {
      const res = await action(task, call);
      if (res.status === 200) {
        this.stats.decisions.push({ kind: task.kind, ms: res.ms, at: Date.now() });
        this.stats.lastProgressAt = performance.now();
      } else if (res.status === 409) {
        // Already decided (the inbox read raced the decision): nothing to do.
        this.stats.conflicts += 1;
      } else {
        if (res.status === 422) this.stats.refused += 1;
        else this.stats.failures += 1;
        this.options.onError?.(`${task.kind} ${task.taskId}: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
        await sleep(1000);
      }
    } catch (error) {
      this.stats.failures += 1;
      this.options.onError?.(`${task.kind} ${task.taskId}: ${String(error)}`);
      await sleep(1000);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const resolve of this.wake.values()) resolve();
    await Promise.all(this.loops);
  }
}
