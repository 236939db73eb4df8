// An expert panel as the caller may see it. An expert on the panel sees its own seat
// with its scores and the other seats' statuses, never another expert's scores or
// name before the panel closes; staff see names and statuses, and scores once closed.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { readableCase } from '../policies.js';
import { problemResponses } from '../problem.js';
import { seatsOfCase } from '../repositories/panel.js';
import { caseParams } from '../schemas.js';

const seatView = z.object({
  seat: z.number().int(),
  mine: z.boolean(),
  expertId: z.string().optional(),
  status: z.string(),
  scores: z.record(z.string(), z.number()).nullable().optional(),
  totalPoints: z.number().int().nullable().optional(),
});
const panelView = z.object({ caseId: z.string(), closed: z.boolean(), seats: z.array(seatView) });

export const panelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/:caseId/panel',
    {
      config: only(Role.Expert, Role.Officer, Role.Committee, Role.Supervisor, Role.Ops),
      schema: { summary: 'The expert panel of a case (its experts; officer, committee, supervisor, ops)', tags: ['cases'], params: caseParams, response: { 200: panelView, ...problemResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await readableCase(app.deps.db, actor, request.params.caseId);
      const seats = await seatsOfCase(app.deps.db, row.id);
      const closed = seats.some((s) => s.panelClosed);
      const isExpert = actor.role === Role.Expert;
      return {
        caseId: row.id,
        closed,
        seats: seats.map((s) => {
          const mine = s.expertId === actor.userId;
          const showScores = mine || closed;
          return {
            seat: s.seat,
            mine,
            ...((!isExpert || mine) && { expertId: s.expertId }),
            status: s.status,
            ...(showScores && { scores: s.scores as Record<string, number> | null, totalPoints: s.totalPoints }),
          };
        }),
      };
    },
  );
};
