// The office, scripted: people who open their inbox (GET /tasks) and act on each open
// task by its kind, through the API only. New kinds of task are covered by adding one
// entry to `actions`; a kind without one is reported and left open (the run then
// stalls and says which). Pooled tasks are shared out among a role's people by task
// id, so two people never race for one task. Applicants are woken by the office's
// notification (a query on the read model standing in for the SMS the office sends),
// then read their own inbox and act like everyone else.
// Each attempt to decide a task is an intent with an id of its own, written into the
// decision's free-text field (a reason, note, comment or bank reference) and sent as
// the Idempotency-Key, so that the soak can find in a case's history which request
// took effect.
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
export interface Reply {
  status: number;
  json: unknown;
  ms: number;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: object;
  idempotencyKey?: string;
}
/** What a decision's requests are about (absent for inbox and case reads). */
export interface Intent {
  id: string;
  task: InboxTask;
  person: Person;
}
/** How a request reaches the API: plain fetch by default; the soak records and retries. */
export type Transport = (baseUrl: string, person: Person, request: ApiRequest, intent?: Intent) => Promise<Reply>;

/** What each kind of task is answered with: the reply to the call that decides it; `intent` marks the decision. */
type Action = (task: InboxTask, call: Call, intent: string) => Promise<Reply>;

const A6_FACTS = { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 };
const decide = (task: InboxTask, call: Call, body: object) => call('POST', `/tasks/${encodeURIComponent(task.taskId)}/decision`, body);

/** Sends the request with fetch; a connection that fails before an answer is tried again (see fetchRetrying). */
export const fetchTransport: Transport = async (baseUrl, person, request) => {
  const started = performance.now();
  const res = await fetchRetrying(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: {
      authorization: `Bearer ${person.token}`,
      ...(request.body && { 'content-type': 'application/json' }),
      ...(request.idempotencyKey && { 'idempotency-key': request.idempotencyKey }),
    },
    ...(request.body && { body: JSON.stringify(request.body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined, ms: performance.now() - started };
};

export function scoreSheet(criteria: readonly { name: string; maxPoints: number }[]): Record<string, number> {
  // 80% of each criterion: comfortably above a pass mark of 60.
  return Object.fromEntries(criteria.map((c) => [c.name, Math.floor(c.maxPoints * 0.8)]));
}

export function actionsFor(criteria: readonly { name: string; maxPoints: number }[]): Record<string, Action> {
  const scores = scoreSheet(criteria);
  return {
    'formal-review': (t, call, intent) => decide(t, call, { decision: 'accept', reason: `complete (${intent})` }),
    correction: (t, call, intent) => decide(t, call, { note: `corrected as asked (${intent})` }),
    'expert-conflict': (t, call, intent) => decide(t, call, { hasConflict: false, detail: `none (${intent})` }),
    'expert-scoring': (t, call, intent) => decide(t, call, { scores, comment: intent }),
    'committee-decision': async (t, call, intent) => {
      // The committee reads the case for the most the rules allow, then approves it.
      const read = await call('GET', `/cases/${encodeURIComponent(t.caseId)}`);
      if (read.status !== 200) return read;
      const detail = read.json as { maximumAmountFen?: number | null };
      return decide(t, call, { decision: 'approve', amountFen: detail.maximumAmountFen ?? 1, reason: `within the maximum (${intent})` });
    },
    'payment-confirmation': (t, call, intent) => decide(t, call, { outcome: 'paid', reference: `BANK-${intent}` }),
    'yearly-report': (t, call, intent) => call('POST', `/cases/${encodeURIComponent(t.caseId)}/yearly-reports`, { facts: A6_FACTS, note: intent }),
    'yearly-verification': (t, call, intent) => decide(t, call, { outcome: 'verified', reason: `checked (${intent})` }),
    'repayment-confirmation': (t, call, intent) => decide(t, call, { reference: `REPAID-${intent}` }),
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
  /** Tasks whose last try was not accepted: when they may be tried again, and how many tries failed in a row. */
  private readonly notBefore = new Map<string, number>();
  private readonly misses = new Map<string, number>();
  private intents = 0;
  private readonly intentPrefix = `intent-${Date.now().toString(36)}`;

  constructor(
    private readonly baseUrl: string,
    private readonly actions: Record<string, Action>,
    private readonly options: {
      perPersonConcurrency: number;
      idlePollMs: number;
      onError?: (message: string) => void;
      transport?: Transport;
      /** After a try that was not accepted, the task waits this long before another, doubling up to 30 s (0: at the next inbox read). */
      retryTaskAfterMs?: number;
    },
  ) {}

  private call(person: Person, intent?: Intent): Call {
    const transport = this.options.transport ?? fetchTransport;
    return (method, path, body) => transport(this.baseUrl, person, { method, path, ...(body && { body }), ...(method === 'POST' && intent && { idempotencyKey: intent.id }) }, intent);
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
          if ((this.notBefore.get(task.taskId) ?? 0) > performance.now()) continue;
          const action = this.actions[task.kind];
          if (!action) {
            if (!this.stats.unknownKinds.has(task.kind)) this.options.onError?.(`no scripted action for a ${task.kind} task (${task.taskId}); add one to scripts/bench/actors.ts`);
            this.stats.unknownKinds.add(task.kind);
            continue;
          }
          acted += 1;
          this.inFlight.add(task.taskId);
          mine.add(task.taskId);
          void this.act(task, action, person).finally(() => {
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

  private async act(task: InboxTask, action: Action, person: Person): Promise<void> {
    this.intents += 1;
    const intent: Intent = { id: `${this.intentPrefix}-${this.intents}`, task, person };
    const later = () => {
      const retryAfter = this.options.retryTaskAfterMs ?? 0;
      if (retryAfter <= 0) return;
      const misses = (this.misses.get(task.taskId) ?? 0) + 1;
      this.misses.set(task.taskId, misses);
      this.notBefore.set(task.taskId, performance.now() + Math.min(30_000, retryAfter * 2 ** (misses - 1)));
    };
    try {
      const res = await action(task, this.call(person, intent), intent.id);
      if (res.status !== 200) later();
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
      later();
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
