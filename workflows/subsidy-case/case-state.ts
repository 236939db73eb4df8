// The case's deterministic state: stage, open tasks, the panel, and the decisions
// people have sent. Update validators read it; handlers record into it; the stages
// wait on it.
import type { Projection } from '../../activities/projections.js';
import type { TaskToClose } from '../../activities/task-records.js';
import type { ProgramCode } from '../../rules/index.js';
import type { CaseInput, CaseStatus, CaseView, Continuation, PanelSeatView, Revocation, Role, Stage, TaskKind, TaskView } from './messages.js';

export interface CaseTask extends TaskView {
  /** The decision that closed the task (the Update's payload). */
  decision?: unknown;
  closed: boolean;
}

export class CaseState {
  stage: Stage = 'application';
  status: CaseStatus = 'in-progress';
  facts: CaseInput['facts'];
  evidence: CaseInput['evidence'];
  maximumFen: number | undefined;
  /** 第十三条: the most under each more favourable program the assessment lists. */
  alternativeMaximaFen: Partial<Record<ProgramCode, number>> = {};
  /** The program the committee decided stands (undefined: the one applied for). */
  standingProgram: ProgramCode | undefined;
  approvedAmountFen: number | undefined;
  /** Officers who decided the formal review; the committee must be someone else (four eyes). */
  readonly reviewingOfficers = new Set<string>();
  /** Once a payment is instructed the applicant can no longer withdraw. */
  paymentStarted = false;
  withdrawal: { by: string; reason?: string } | undefined;
  revocation: Revocation | undefined;
  /** 1 for the application year; later years arrive by continue-as-new. */
  readonly supportYear: number;
  readonly priorYears: Continuation['priorYears'];
  /** What is left of the program's budget for the year the committee draws on (null: no limit set). */
  budgetRemainingFen: number | null | undefined;
  /** The budget year the approval was reserved on (later than budgetYear when deferred). */
  fundingYear: number | undefined;
  readonly objections: { by: string; reason: string }[] = [];
  /** A later year's report as submitted, and its deadline (a returned verification verifies it again). */
  yearlyReport: { facts: CaseInput['facts']; dueOn: string } | undefined;
  /** The latest yearly verification: its task and its officer, who may not countersign it. */
  verification: { taskId: string; officer: string } | undefined;
  readonly panel = new Map<string, PanelSeatView & { seat: number }>();
  /** Who writes the read model in this run (projection.ts): set at the start of the run. */
  writePath: 'ordered' | 'main-flow-local' | 'handler-regular' = 'handler-regular';
  /** Read-model writes not yet written, in order (projection.ts). */
  readonly projectionQueue: Projection[] = [];
  /** How many writes of this run are written (or refused for good). */
  projectionsSettled = 0;
  /** Writes the database refused for good (data it can never store): shown to operations. */
  readonly projectionFailures: { write: string; message: string }[] = [];
  /** Runs between the two patches only: decisions waiting for the legacy local-activity writer. */
  readonly decisionsToProject: TaskToClose[] = [];
  private readonly tasks = new Map<string, CaseTask>();
  private taskCounter = 0;
  private eventCounter = 0;

  constructor(readonly input: CaseInput) {
    this.facts = input.facts;
    this.evidence = input.evidence;
    this.supportYear = input.continuation?.supportYear ?? 1;
    this.priorYears = input.continuation?.priorYears ?? [];
    for (const officer of input.continuation?.reviewingOfficers ?? []) this.reviewingOfficers.add(officer);
    // A later support year follows a year that was paid: there is nothing left to withdraw.
    this.paymentStarted = this.supportYear > 1;
  }

  /** The calendar year whose notice and budget this support year falls under. */
  get budgetYear(): number {
    return this.input.noticeYear + this.supportYear - 1;
  }

  get caseId(): string {
    return this.input.applicationId;
  }

  /**
   * Counters restart with each run (a later support year continues as new), so ids
   * and keys of later years carry the year: years 2 and 3 run the same steps, and
   * without it year 3's tasks and audit entries collide with year 2's rows (the read
   * model keeps the first: the year-3 report never reached the applicant's inbox).
   */
  private get yearPrefix(): string {
    return this.supportYear > 1 ? `y${this.supportYear}:` : '';
  }

  /** A key unique within this case, the same on replay: for idempotent audit entries. */
  nextEventKey(action: string): string {
    this.eventCounter += 1;
    return `${this.caseId}:${this.yearPrefix}${action}:${this.eventCounter}`;
  }

  newTask(kind: TaskKind, role: Role, extra: { assignee?: string; subject?: string; dueAt?: string } = {}): CaseTask {
    this.taskCounter += 1;
    const task: CaseTask = {
      taskId: `${this.caseId}:${this.yearPrefix}${kind}:${this.taskCounter}`,
      kind,
      role,
      stage: this.stage,
      escalation: 0,
      closed: false,
      ...extra,
    };
    this.tasks.set(task.taskId, task);
    return task;
  }

  task(taskId: string): CaseTask | undefined {
    return this.tasks.get(taskId);
  }

  openTask(taskId: string): CaseTask | undefined {
    const task = this.tasks.get(taskId);
    return task && !task.closed ? task : undefined;
  }

  closeTask(taskId: string, decision?: unknown): void {
    const task = this.tasks.get(taskId);
    if (task) Object.assign(task, { closed: true, decision });
  }

  openTasks(): CaseTask[] {
    return [...this.tasks.values()].filter((t) => !t.closed);
  }

  view(): CaseView {
    return {
      applicationId: this.caseId,
      program: this.input.program,
      supportYear: this.supportYear,
      stage: this.stage,
      status: this.status,
      openTasks: this.openTasks().map(({ taskId, kind, stage, role, assignee, subject, dueAt, escalation }) => ({
        taskId,
        kind,
        stage,
        role,
        escalation,
        ...(assignee !== undefined && { assignee }),
        ...(subject !== undefined && { subject }),
        ...(dueAt !== undefined && { dueAt }),
      })),
      panel: [...this.panel.values()].map(({ expertId, status }) => ({ expertId, status })),
      ...(this.maximumFen !== undefined && { maximumFen: this.maximumFen }),
      ...(this.approvedAmountFen !== undefined && { approvedAmountFen: this.approvedAmountFen }),
      ...(this.projectionFailures.length > 0 && { projectionFailures: [...this.projectionFailures] }),
    };
  }
}
