// The API as a Fastify plugin: compilers, docs, authentication and authorization,
// error handling and routes. server.ts only listens; tests inject requests into this.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyServerOptions, RawRequestDefaultExpression } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Access } from './access.js';
import type { AppContext, AppDependencies } from './app-context.js';
import { authenticate } from './auth.js';
import { createCaseClient } from './case-client.js';
import { installErrorHandler, sendProblem } from './error-handler.js';
import { problemsAsServed } from './openapi.js';
import type { OpenApiDocument } from './openapi.js';
import { HttpProblem } from './problem.js';
import { findUnstorable } from './safe-text.js';
import { readEveryTime } from './user-standings.js';
import { applicationRoutes } from './routes/applications.js';
import { estimateRoutes } from './routes/estimate.js';
import { programRoutes } from './routes/programs.js';
import { assessmentRoutes } from './routes/assessment.js';
import { yearOverYearRoutes } from './routes/year-over-year.js';
import { awardRoutes } from './routes/awards.js';
import { caseRoutes } from './routes/cases.js';
import { enterpriseRoutes } from './routes/enterprises.js';
import { exportRoutes } from './routes/exports.js';
import { healthRoutes } from './routes/health.js';
import { mailSettingsRoutes } from './routes/mail-settings.js';
import { noticeRoutes } from './routes/notices.js';
import { notificationRoutes } from './routes/notifications.js';
import { configRoutes } from './routes/config.js';
import { opsRoutes } from './routes/ops.js';
import { opsOverviewRoutes } from './routes/ops-overview.js';
import { otherPolicyAwardRoutes } from './routes/other-policy-awards.js';
import { panelRoutes } from './routes/panel.js';
import { policyRoutes } from './routes/policies.js';
import { rulesRoutes } from './routes/rules.js';
import { savedViewRoutes } from './routes/saved-views.js';
import { sessionRoutes } from './routes/session.js';
import { isWorkspaceRoute, workspaceRoutes } from './routes/workspace.js';
import { taskRoutes } from './routes/tasks.js';
import { timelineRoutes } from './routes/timeline.js';
import { userRoutes } from './routes/users.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Options for the Fastify instance the app is registered on: a request id taken
 * from `x-request-id` when it is sane, else a new UUID, in every log line.
 */
export function serverOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions {
  return {
    logger,
    requestIdHeader: false,
    genReqId: (raw: RawRequestDefaultExpression) => {
      const given = raw.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Above the longest path parameter a route takes (a task id: 200), so the
    // route's own schema names a bad one; past this the answer is a 414 problem.
    routerOptions: { maxParamLength: 256 },
    // The router's own refusals, as problems like every other error.
    frameworkErrors: (error, request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const detail = status === 414 ? 'a path parameter is longer than any this API takes' : 'the path is not a valid URL (bad percent-encoding)';
      return sendProblem(request, reply, new HttpProblem(status, detail));
    },
  };
}

const DOCS = '/docs';
/** Long enough for a case to take a decision and write it; short of a caller's patience. */
const CASE_ANSWER_WITHIN_MS = 15_000;

export async function registerApp(app: FastifyInstance, deps: AppDependencies): Promise<void> {
  const context: AppContext = {
    ...deps,
    userStandings: deps.userStandings ?? readEveryTime(deps.db),
    cases: createCaseClient(deps.temporal, { answerWithinMs: deps.caseAnswerWithinMs ?? CASE_ANSWER_WITHIN_MS }),
  };
  app.decorate('deps', context);
  app.decorateRequest('actor', undefined);
  app.decorateRequest('session', undefined);
  await app.register(cookie);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // Fail closed: a route that does not say who may call it does not start.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(DOCS) || isWorkspaceRoute(route.url)) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    if (!route.config?.access) throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const access: Access | undefined = request.routeOptions.config.access;
    // Unknown routes fall through to the 404 handler.
    if (access === undefined || access === 'public') return;
    const actor = await authenticate(request, context);
    request.actor = actor;
    if (request.session?.passwordMustChange && !request.routeOptions.config.beforePasswordChange) {
      throw new HttpProblem(403, 'change your password first (POST /session/password)');
    }
    if (access !== 'authenticated' && !access.includes(actor.role)) {
      throw new HttpProblem(403, `this needs the role ${access.join(' or ')}; you are ${actor.role}`);
    }
  });

  // Text PostgreSQL can never store is refused wherever it enters, before any
  // schema: a path segment such as /cases/%00, a query value, a body field or key.
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [where, value] of parts) {
      const bad = findUnstorable(value, where);
      if (bad) throw new HttpProblem(400, `${bad.field}: ${bad.message}`, [bad]);
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'AI industry subsidy cases',
        description:
          'The district office’s API for the AI large-model industry subsidy program. Every route but /health, /ready and POST /session needs `Authorization: Bearer <token>` or the workspace’s session cookie (then X-CSRF-Token on every state-changing request); errors are application/problem+json (RFC 9457).',
        version: '0.2.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (documents) => {
      // Only an OpenAPI 3 document is generated here (the openapi option above).
      if (!('openapiObject' in documents)) return documents.swaggerObject;
      return problemsAsServed(documents.openapiObject as OpenApiDocument) as typeof documents.openapiObject;
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS });

  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(savedViewRoutes);
  await app.register(notificationRoutes);
  await app.register(mailSettingsRoutes);
  await app.register(userRoutes);
  await app.register(enterpriseRoutes);
  await app.register(noticeRoutes);
  await app.register(programRoutes);
  await app.register(applicationRoutes);
  await app.register(estimateRoutes);
  await app.register(caseRoutes);
  await app.register(awardRoutes);
  await app.register(otherPolicyAwardRoutes);
  await app.register(panelRoutes);
  await app.register(assessmentRoutes);
  await app.register(yearOverYearRoutes);
  await app.register(timelineRoutes);
  await app.register(taskRoutes);
  await app.register(rulesRoutes);
  await app.register(policyRoutes);
  await app.register(opsRoutes);
  await app.register(opsOverviewRoutes);
  await app.register(configRoutes);
  await app.register(exportRoutes);
  await app.register(workspaceRoutes, { webRoot: deps.webRoot });
}
