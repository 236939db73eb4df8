// How a person at a desk uses the API while things break, and the record of every
// answer they got. A request that gets no answer (connection refused or reset, no
// answer within `timeoutMs`) or a 5xx is sent again later with the same body and the
// same Idempotency-Key, after the Retry-After the answer asked for or a growing pause;
// a 4xx is the answer. Every answer to a POST is recorded against its intent, so that
// the soak can check afterwards whether what it said was true.
import type { ApiRequest, Intent, Person, Reply, Transport } from './actors.js';
import { sleep } from './lib.js';

/** What a POST was about: a decision on a task, or an application. */
export interface About {
  intent: string;
  kind: string;
  caseId: string;
  taskId?: string;
}

export interface AnswerRecord extends About {
  person: string;
  path: string;
  /** 1 for the first send of the intent, 2 for the first retry, … */
  attempt: number;
  /** The HTTP status, or null when no answer came. */
  status: number | null;
  /** The problem's detail, or why no answer came. */
  detail: string;
  sentAt: number;
  ms: number;
}

export interface DeskOptions {
  timeoutMs: number;
  /** Nothing is sent after this (epoch ms): the soak is ending. */
  deadline: () => number;
}

export class Desk {
  readonly answers: AnswerRecord[] = [];
  /** Reads (inbox, case) that got no answer or a 5xx, by status ('none' for no answer). */
  readonly failedReads: Record<string, number> = {};

  constructor(private readonly options: DeskOptions) {}

  /** For the office: decisions carry their intent. */
  readonly transport: Transport = (baseUrl, person, request, intent?: Intent) =>
    this.send(baseUrl, person, request, intent && { intent: intent.id, kind: intent.task.kind, caseId: intent.task.caseId, taskId: intent.task.taskId });

  async send(baseUrl: string, person: Person, request: ApiRequest, about?: About): Promise<Reply> {
    const recorded = request.method === 'POST' && about;
    for (let attempt = 1; ; attempt += 1) {
      const sentAt = Date.now();
      const started = performance.now();
      let reply: Reply | undefined;
      let retryAfterMs: number | undefined;
      let detail = '';
      try {
        const res = await fetch(`${baseUrl}${request.path}`, {
          method: request.method,
          headers: {
            authorization: `Bearer ${person.token}`,
            ...(request.body && { 'content-type': 'application/json' }),
            ...(request.idempotencyKey && { 'idempotency-key': request.idempotencyKey }),
          },
          ...(request.body && { body: JSON.stringify(request.body) }),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        const text = await res.text();
        let json: unknown = text;
        try {
          json = text ? (JSON.parse(text) as unknown) : undefined;
        } catch {
          // A body that is not JSON (a proxy's page, a cut-off answer) is kept as text.
        }
        reply = { status: res.status, json, ms: performance.now() - started };
        detail = problemDetail(json);
        const header = Number(res.headers.get('retry-after'));
        if (Number.isFinite(header) && header > 0) retryAfterMs = header * 1000;
      } catch (error) {
        detail = error instanceof Error ? `${error.name}: ${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error);
      }
      if (recorded) {
        this.answers.push({ ...about, person: person.actor.userId, path: request.path, attempt, status: reply?.status ?? null, detail: detail.slice(0, 300), sentAt, ms: Math.round(performance.now() - started) });
      }
      const answered = reply !== undefined && reply.status < 500;
      if (answered) return reply!;
      if (!recorded) {
        const key = reply ? String(reply.status) : 'none';
        this.failedReads[key] = (this.failedReads[key] ?? 0) + 1;
      }
      const pause = retryAfterMs ?? Math.min(15_000, 500 * 2 ** Math.min(attempt - 1, 5));
      if (Date.now() + pause > this.options.deadline()) {
        if (reply) return reply;
        throw new Error(`${request.method} ${request.path}: no answer before the soak's deadline (${detail})`);
      }
      await sleep(pause);
    }
  }
}

function problemDetail(json: unknown): string {
  if (json && typeof json === 'object') {
    const problem = json as { type?: unknown; detail?: unknown; title?: unknown };
    return [problem.type !== 'about:blank' ? problem.type : undefined, problem.detail ?? problem.title].filter((part) => typeof part === 'string').join(': ');
  }
  return typeof json === 'string' ? json.slice(0, 300) : '';
}
