// 年度核验: a multi-year award's later years. The case waits for the year's reporting
// window (from that year's annual notice), asks the beneficiary for the year's actual
// figures, reminds before the deadline, and an officer verifies them. A missing or
// failed report ends the award or skips the year, as the policy version reads it.
import { condition, sleep } from '@temporalio/workflow';
import { getPolicyVersion } from '../../../rules/policy/registry.js';
import { activities } from '../activities.js';
import { endOfDistrictDay, startOfDistrictDay } from '../calendar.js';
import type { CaseState } from '../case-state.js';
import { Role, Stage, TaskKind } from '../messages.js';
import { closeAs, enterStage, proceed } from '../stage.js';
import type { StageOutcome } from '../stage.js';
import { awaitDecisionBy, awaitDecisionWithEscalation, decisionOf, openTask } from '../tasks.js';
import { msToNumber } from '@temporalio/common/lib/time.js';

/** A missed or failed year: the award ends, or this year is skipped (policy setting). */
export function missedYear(state: CaseState, outcome: 'missed' | 'failed', reason: string): StageOutcome {
  const reading = getPolicyVersion(state.input.policyVersion).readings.missedYear;
  return reading === 'skip-year' ? { kind: 'next-year', outcome } : closeAs('ended', `support year ${state.supportYear} ${outcome}: ${reason}`);
}

export async function yearlyReport(state: CaseState): Promise<StageOutcome> {
  const { caseId, supportYear, input } = state;
  enterStage(state, Stage.YearlyReport);
  await activities.recordStage({ caseId, stage: Stage.YearlyReport, supportYear });

  let window = await activities.reportingWindow(state.budgetYear);
  while (window === null) {
    await sleep(input.settings.noticePollInterval);
    window = await activities.reportingWindow(state.budgetYear);
  }
  const opensAt = startOfDistrictDay(window.opensOn);
  if (Date.now() < opensAt) await sleep(opensAt - Date.now());

  const deadline = endOfDistrictDay(window.closesOn);
  const report = await openTask(state, TaskKind.YearlyReport, Role.Applicant, { due: `${Math.max(1, deadline - Date.now())}ms` });
  await activities.recordYearlyReport({ caseId, supportYear, status: 'requested', dueOn: window.closesOn });
  const remindAt = deadline - msToNumber(input.settings.reportReminderBefore);
  if (Date.now() < remindAt && !(await condition(() => report.closed, remindAt - Date.now()))) {
    report.escalation = 1;
    await activities.escalateTask({ taskId: report.taskId, caseId, level: 1, role: Role.Applicant, message: `Reminder: the support-year ${supportYear} report for case ${caseId} is due on ${window.closesOn}` });
  }
  if (!(await awaitDecisionBy(state, report, `${Math.max(1, deadline - Date.now())}ms`, 'no report by the deadline'))) {
    await activities.recordYearlyReport({ caseId, supportYear, status: 'missed', dueOn: window.closesOn });
    return missedYear(state, 'missed', `no report by ${window.closesOn}`);
  }
  const submitted = decisionOf(report, TaskKind.YearlyReport);
  await activities.recordYearlyReport({ caseId, supportYear, status: 'submitted', dueOn: window.closesOn, facts: submitted.facts });
  state.yearlyReport = { facts: submitted.facts, dueOn: window.closesOn };
  return verifyReport(state);
}

/**
 * An officer verifies the year's report (again, when a second officer returned it):
 * the figures as verified become the year's facts, a failed verification ends or
 * skips the year.
 */
export async function verifyReport(state: CaseState): Promise<StageOutcome> {
  const { caseId, supportYear, input } = state;
  const report = state.yearlyReport;
  if (!report) throw new Error(`support year ${supportYear} of case ${caseId} has no report to verify`);
  enterStage(state, Stage.YearlyVerification);
  const verification = await openTask(state, TaskKind.YearlyVerification, Role.Officer, { due: input.settings.taskDue });
  await awaitDecisionWithEscalation(state, verification);
  const verdict = decisionOf(verification, TaskKind.YearlyVerification);
  state.reviewingOfficers.add(verdict.actor.userId);
  state.verification = { taskId: verification.taskId, officer: verdict.actor.userId };
  await activities.recordYearlyReport({
    caseId,
    supportYear,
    status: verdict.outcome,
    dueOn: report.dueOn,
    verifiedBy: verdict.actor.userId,
    ...(verdict.verifiedFacts !== undefined && { verifiedFacts: verdict.verifiedFacts }),
    ...(verdict.reason !== undefined && { reason: verdict.reason }),
  });
  if (verdict.outcome === 'failed') return missedYear(state, 'failed', verdict.reason ?? 'verification failed');
  state.facts = { ...report.facts, ...verdict.verifiedFacts };
  return proceed;
}
