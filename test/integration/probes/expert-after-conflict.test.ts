// An expert who declares a conflict of interest leaves the panel, and with it the
// case: its detail (facts and evidence), the panel and every score, and the case drops
// out of the expert's list, also once the panel has closed. A seated expert keeps all of it.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelSeats } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { seedCase, seedSeat, startHarness } from '../api/fixtures.js';
import type { ApiHarness } from '../api/fixtures.js';

let h: ApiHarness;
let conflicted: TestUser;
let seated: TestUser;
let caseId: string;

beforeAll(async () => {
  h = await startHarness();
  const enterpriseId = await createTestEnterprise(h.database.db);
  conflicted = await createTestUser(h.database.db, 'expert');
  seated = await createTestUser(h.database.db, 'expert');
  ({ caseId } = await seedCase(h, enterpriseId, { stage: 'expert-evaluation' }));
  await seedSeat(h, caseId, { expertId: conflicted.actor.userId, seat: 1, status: 'invited' });
  await seedSeat(h, caseId, { expertId: seated.actor.userId, seat: 2, status: 'scored', scores: { innovation: 20 }, totalPoints: 20 });
});
afterAll(async () => {
  await h?.close();
});

const listedCases = async (who: TestUser) => ((await h.app.inject({ url: '/cases?limit=200', headers: who.headers })).json().items as { caseId: string }[]).map((c) => c.caseId);

describe('an expert who declared a conflict', () => {
  it('reads the case while invited, as it must to declare', async () => {
    expect((await h.app.inject({ url: `/cases/${caseId}`, headers: conflicted.headers })).statusCode).toBe(200);
    expect(await listedCases(conflicted)).toContain(caseId);
  });

  it('loses the case, its facts and evidence, the panel and the scores once it declines, also after the panel closes', async () => {
    // What the workflow records when the expert declares a conflict (panel-records.ts).
    await h.database.db.update(panelSeats).set({ status: 'declined' }).where(and(eq(panelSeats.caseId, caseId), eq(panelSeats.expertId, conflicted.actor.userId)));
    for (const closed of [false, true]) {
      await h.database.db.update(panelSeats).set({ panelClosed: closed }).where(eq(panelSeats.caseId, caseId));
      const detail = await h.app.inject({ url: `/cases/${caseId}`, headers: conflicted.headers });
      expect(detail.statusCode).toBe(404);
      expect(detail.body).not.toContain('requestedFacts');
      const panel = await h.app.inject({ url: `/cases/${caseId}/panel`, headers: conflicted.headers });
      expect(panel.statusCode).toBe(404);
      expect(panel.body).not.toContain('totalPoints');
      expect(await listedCases(conflicted)).not.toContain(caseId);
    }
  });

  it('leaves a seated expert its access, scores included once the panel is closed', async () => {
    expect((await h.app.inject({ url: `/cases/${caseId}`, headers: seated.headers })).statusCode).toBe(200);
    const panel = await h.app.inject({ url: `/cases/${caseId}/panel`, headers: seated.headers });
    expect(panel.statusCode).toBe(200);
    expect(panel.json().closed).toBe(true);
    expect(panel.json().seats.find((s: { mine: boolean }) => s.mine)).toMatchObject({ totalPoints: 20 });
    expect(await listedCases(seated)).toContain(caseId);
  });
});
