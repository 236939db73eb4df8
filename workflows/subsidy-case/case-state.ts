// The case's deterministic state: its stage and the tasks people may act on. The
// workflow's update validators read it; only handlers change it.
import type { CaseInput, CaseStatus, CaseView, OpenTaskView, Role, Stage } from './messages.js';

export interface CaseTask extends OpenTaskView {
  stage: Stage;
  dueAt?: string;
}

export class CaseState {
  stage: Stage = 'application';
  status: CaseStatus = 'in-progress';
  approvedAmountFen: number | undefined;
  private readonly openTasks = new Map<string, CaseTask>();
  private taskCounter = 0;

  constructor(readonly input: CaseInput) {}

  get caseId(): string {
    return this.input.applicationId;
  }

  newTask(kind: string, role: Role, extra: { assignee?: string; dueAt?: string } = {}): CaseTask {
    this.taskCounter += 1;
    const task: CaseTask = { taskId: `${this.caseId}:${kind}:${this.taskCounter}`, kind, role, stage: this.stage, ...extra };
    this.openTasks.set(task.taskId, task);
    return task;
  }

  openTaskOfKind(kind: string): CaseTask | undefined {
    for (const task of this.openTasks.values()) if (task.kind === kind) return task;
    return undefined;
  }

  closeTask(taskId: string): void {
    this.openTasks.delete(taskId);
  }

  view(): CaseView {
    return {
      applicationId: this.caseId,
      stage: this.stage,
      status: this.status,
      openTasks: [...this.openTasks.values()].map(({ taskId, kind, role, assignee }) => ({
        taskId,
        kind,
        role,
        ...(assignee !== undefined && { assignee }),
      })),
      ...(this.approvedAmountFen !== undefined && { approvedAmountFen: this.approvedAmountFen }),
    };
  }
}
