// The operations dashboard words each stuck-case finding from its code and parameters,
// in the reader's language (the API's English `detail` showed on the zh page before).
import { describe, expect, it } from 'vitest';
import { findingText } from '../../web/src/features/ops/components/finding-text.js';
import type { Finding } from '../../web/src/features/ops/components/finding-text.js';
import { opsMessages } from '../../web/src/features/ops/messages.js';

const words: Record<string, Record<'zh' | 'en', string>> = {
  'formal-review': { zh: '形式审查', en: 'formal review' },
  officer: { zh: '经办人', en: 'officer' },
};
const reader = (lang: 'zh' | 'en') => ({ m: opsMessages[lang], term: (code: string) => words[code]?.[lang] ?? code, dateTime: (iso: string) => `[${iso.slice(0, 10)}]` });
const common = { detail: 'English for integrators', since: null };

const overdue: Finding = {
  ...common,
  kind: 'overdue',
  code: 'task-overdue',
  params: { taskId: 'c-1:formal-review', taskKind: 'formal-review', role: 'officer', assignee: null, dueAt: '2030-05-01T00:00:00.000Z', daysLate: 45, escalation: 2 },
};
const retrying: Finding = {
  ...common,
  kind: 'activity-retrying',
  code: 'activity-retrying',
  params: { activityType: 'recordCase', state: 'scheduled', attempt: 4, maximumAttempts: null, lastFailure: 'write CONNECTION_ENDED' },
};

describe('a stuck case’s finding as the dashboard words it', () => {
  it('reads an overdue task in Chinese with its kind, role and escalation as words, not the English detail', () => {
    const zh = findingText(overdue, reader('zh'));
    expect(zh).toBe('经办人的“形式审查”待办 c-1:formal-review 应于 [2030-05-01] 完成，已逾期 45 天（已上报科长）');
    expect(zh).not.toContain(common.detail);
  });

  it('reads the same in English', () => {
    expect(findingText(overdue, reader('en'))).toBe('The formal review task c-1:formal-review for officer was due [2030-05-01], 45 days ago (escalated to the supervisor)');
  });

  it('keeps a system failure message as it came, and leaves out a maximum that is not set', () => {
    expect(findingText(retrying, reader('zh'))).toBe('活动 recordCase（已排队）第 4 次尝试，最近一次失败：write CONNECTION_ENDED');
    expect(findingText({ ...retrying, params: { ...retrying.params, maximumAttempts: 10, lastFailure: null } }, reader('en'))).toBe('Activity recordCase (scheduled) on attempt 4 of 10');
  });

  it('has a Chinese and an English sentence for every code, each with no placeholder left', () => {
    const samples: Finding[] = [
      { ...common, kind: 'workflow-task-failing', code: 'workflow-task-failed', params: { attempt: 3, failure: 'boom', cause: 'workflow_worker_unhandled_failure' } },
      { ...common, kind: 'workflow-task-failing', code: 'workflow-task-timed-out', params: { attempt: 3 } },
      { ...common, kind: 'workflow-task-failing', code: 'workflow-task-failure-gone', params: { attempt: 3 } },
      retrying,
      { ...common, kind: 'not-answering', code: 'queue-not-polled', params: { taskQueue: 'q' } },
      { ...common, kind: 'not-answering', code: 'case-not-answering', params: { error: 'deadline' } },
      { ...common, kind: 'task-not-held', code: 'task-not-held', params: { taskId: 't', taskKind: 'formal-review', role: 'officer', assignee: 'u-1' } },
      overdue,
      { ...common, kind: 'overdue', code: 'case-quiet', params: { days: 31 } },
      { ...common, kind: 'not-answering', code: 'workflow-missing', params: { workflowId: 'case-x' } },
      { ...common, kind: 'not-answering', code: 'workflow-closed', params: { status: 'terminated' } },
    ];
    for (const lang of ['zh', 'en'] as const) {
      for (const f of samples) {
        const text = findingText(f, reader(lang));
        expect(text, `${f.code} ${lang}`).not.toMatch(/\{\w+\}/);
        if (lang === 'zh') expect(text, f.code).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(findingText(samples.at(-1)!, reader('zh'))).toBe('工作流已被终止，但读模型仍显示案件办理中');
  });
});
