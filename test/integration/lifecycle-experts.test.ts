// Expert evaluation on the time-skipping server: a random panel without conflicts,
// replacements for declined and silent experts, and trimming with five experts.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { auditLog, panelSeats, users } from '../../db/schema.js';
import { caseViewQuery, declareConflictUpdate, formalReviewUpdate } from '../../workflows/subsidy-case/messages.js';
import type { Actor } from '../../workflows/subsidy-case/messages.js';
import type { CaseHarness } from '../support/case-harness.js';
import { officer, testSettings, useCaseHarness } from '../support/case-harness.js';
import { declareAndScore } from '../support/case-driver.js';
import { recordHistories } from '../support/history-recorder.js';

const harness = useCaseHarness();
const expert = (userId: string): Actor => ({ userId, role: 'expert' });

/** Splits a total over A8's criteria (30, 20, 30, 20 points) in order. */
function scoreSheet(total: number): Record<string, number> {
  const criteria: [string, number][] = [
    ['demonstration-value', 30],
    ['influence', 20],
    ['technical-innovation', 30],
    ['industry-empowerment', 20],
  ];
  let left = total;
  return Object.fromEntries(
    criteria.map(([name, max]) => {
      const points = Math.min(max, left);
      left -= points;
      return [name, points];
    }),
  );
}

/** A district scenario case (experts only) past its formal review, with the pool seeded. */
async function caseAtPanel(h: CaseHarness, panelSize: number): Promise<WorkflowHandle> {
  const handle = await h.start({
    program: 'A8-SCENARIO-DISTRICT',
    qualifications: ['district-key-project'],
    facts: { projectInvestmentFen: 200_000_000 },
    settings: { ...testSettings, panelSize },
  });
  const review = await h.openTask(handle, 'formal-review');
  await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'accept' }] });
  return handle;
}

async function seatedExperts(handle: WorkflowHandle, count: number): Promise<string[]> {
  await expect.poll(async () => (await handle.query(caseViewQuery)).panel.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return (await handle.query(caseViewQuery)).panel.map((seat) => seat.expertId);
}

describe('expert evaluation', () => {
  it('never draws an expert of the applicant organisation, and replaces one who declares a conflict', async () => {
    const h = harness();
    await h.experts('scenario', 4);
    const sameOrganisation = `${h.organisation}-expert`;
    await h.database.db.insert(users).values({ id: sameOrganisation, name: 'x', role: 'expert', organisation: h.organisation, specialties: ['scenario'] });

    const handle = await caseAtPanel(h, 3);
    const [first, second, third] = await seatedExperts(handle, 3);
    expect([first, second, third]).not.toContain(sameOrganisation);

    const declaration = await h.openTask(handle, 'expert-conflict', first);
    await handle.executeUpdate(declareConflictUpdate, { args: [{ taskId: declaration.taskId, actor: expert(first!), hasConflict: true, detail: 'former employer' }] });
    const seats = await seatedExperts(handle, 4);
    const replacement = seats.find((id) => ![first, second, third].includes(id))!;
    expect(replacement).toBeDefined();
    expect((await handle.query(caseViewQuery)).panel.find((s) => s.expertId === first)?.status).toBe('declined');

    for (const id of [second!, third!, replacement]) await declareAndScore(h, handle, id, scoreSheet(80));
    await h.openTask(handle, 'committee-decision');
    const caseId = handle.workflowId.replace(/^case-/, '');
    const rows = await h.database.db.select().from(panelSeats).where(eq(panelSeats.caseId, caseId));
    expect(rows.map((r) => [r.expertId, r.status, r.panelClosed]).sort()).toEqual(
      [[first, 'declined', true], [second, 'scored', true], [third, 'scored', true], [replacement, 'scored', true]].sort(),
    );
    await h.settled(handle);
    await handle.terminate('test done');
  });

  it('replaces an expert who does not declare by the deadline', async () => {
    const h = harness();
    await h.experts('scenario', 4);
    const handle = await caseAtPanel(h, 3);
    const [silent, ...others] = await seatedExperts(handle, 3);
    for (const id of others) {
      const declaration = await h.openTask(handle, 'expert-conflict', id);
      await handle.executeUpdate(declareConflictUpdate, { args: [{ taskId: declaration.taskId, actor: expert(id), hasConflict: false }] });
    }
    await h.settled(handle);
    await h.env.sleep('4 days');
    const seats = await seatedExperts(handle, 4);
    expect((await handle.query(caseViewQuery)).panel.find((s) => s.expertId === silent)?.status).toBe('timed-out');
    expect(seats.filter((id) => id !== silent && !others.includes(id))).toHaveLength(1);
    await h.settled(handle);
    await handle.terminate('test done');
  });

  it('drops the highest and lowest of five totals before the pass mark', async () => {
    const h = harness();
    await h.experts('scenario', 5);
    const handle = await caseAtPanel(h, 5);
    const panel = await seatedExperts(handle, 5);
    // All five average 57.2 (a fail); without 100 and 0 the three left average 62 (a pass of 60).
    const totals = [100, 61, 62, 63, 0];
    for (const [i, id] of panel.entries()) await declareAndScore(h, handle, id, scoreSheet(totals[i]!));

    await h.openTask(handle, 'committee-decision');
    const caseId = handle.workflowId.replace(/^case-/, '');
    const [scored] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'panel-scored')));
    expect(scored?.detail).toMatchObject({ totals, counted: [61, 62, 63], average: 62, passed: true, trace: { step: 'panel.aggregate', article: '第八条', result: true } });
    await h.settled(handle);
    await handle.terminate('test done');
  });

  it('rejects the application when the panel average is below the pass mark', async () => {
    const h = harness();
    await h.experts('scenario', 3);
    const handle = await caseAtPanel(h, 3);
    for (const id of await seatedExperts(handle, 3)) await declareAndScore(h, handle, id, scoreSheet(50));
    expect(await h.outcome(handle)).toMatchObject({ status: 'rejected', reason: "the expert panel's average 50 is below the pass mark 60" });
    await recordHistories(h.env, handle, 'panel-below-pass-mark');
  });
});
