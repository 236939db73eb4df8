// Saved inbox views: each person's named filters, kept on the server so they follow
// the person from one browser to the next.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyUser } from '../access.js';
import { actorOf } from '../auth.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { deleteSavedView, listSavedViews, saveView } from '../repositories/saved-views.js';
import type { SavedViewRow } from '../repositories/saved-views.js';
import { safeLine } from '../safe-text.js';
import { inboxFilters } from '../schemas.js';

const savedViewBody = z.strictObject({ name: safeLine().trim().min(1).max(80), filters: inboxFilters.strict() });
export const savedView = z.object({ id: z.number().int(), name: z.string(), filters: inboxFilters, createdAt: z.string() });

const toView = (row: SavedViewRow): z.infer<typeof savedView> => ({
  id: row.id,
  name: row.name,
  // Stored by this route after validation; parsed again so an older shape cannot leak through.
  filters: inboxFilters.catch({}).parse(row.filters),
  createdAt: row.createdAt.toISOString(),
});

export const savedViewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get(
    '/saved-views',
    { config: anyUser, schema: { summary: 'My saved inbox views', tags: ['tasks'], response: { 200: z.object({ items: z.array(savedView) }), ...problemResponses } } },
    async (request) => ({ items: (await listSavedViews(db, actorOf(request).userId)).map(toView) }),
  );
  app.post(
    '/saved-views',
    {
      config: anyUser,
      schema: { summary: 'Save an inbox view under a name (replaces my view of that name)', tags: ['tasks'], body: savedViewBody, response: { 200: savedView, ...problemResponses } },
    },
    async (request) => toView(await saveView(db, actorOf(request).userId, request.body.name, request.body.filters)),
  );
  app.delete(
    '/saved-views/:viewId',
    {
      config: anyUser,
      schema: { summary: 'Delete one of my saved views', tags: ['tasks'], params: z.object({ viewId: z.coerce.number().int().min(1).max(2_147_483_647) }), response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      if (!(await deleteSavedView(db, actorOf(request).userId, request.params.viewId))) throw new HttpProblem(404, `no saved view ${request.params.viewId}`);
      return reply.code(204).send(null);
    },
  );
};
