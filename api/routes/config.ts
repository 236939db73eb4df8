// What the workspace needs to know of this deployment that is not a user's data: for
// staff, where the Temporal Web UI is (each case links to its workflow there).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../domain/vocabulary.js';
import { anyUser } from '../access.js';
import { actorOf } from '../auth.js';
import { problemResponses } from '../problem.js';
import { temporalUiBase, temporalUiView } from '../temporal-ui.js';

/** Who reads workflows: staff. Applicants, experts and the admin are not sent there. */
const WORKFLOW_READERS: readonly Role[] = [Role.Officer, Role.Committee, Role.Finance, Role.Supervisor, Role.Ops];

export const configView = z.object({ temporalUi: temporalUiView.nullable().describe('null for roles that do not read workflows') });

export const configRoutes: FastifyPluginAsyncZod = async (app) => {
  // Checked once: a bad TEMPORAL_UI_URL stops the API at start rather than at the first click.
  const url = temporalUiBase(app.deps.temporalUiUrl);
  app.get(
    '/config',
    {
      config: anyUser,
      schema: { summary: 'This deployment’s settings the workspace needs (the Temporal Web UI’s address for staff)', tags: ['session'], response: { 200: configView, ...problemResponses } },
    },
    async (request) => ({
      temporalUi: WORKFLOW_READERS.includes(actorOf(request).role) ? { url, namespace: app.deps.temporal.options.namespace } : null,
    }),
  );
};
