// The API as a Fastify plugin: compilers, docs, authentication, error handling and
// routes. server.ts only listens; tests inject requests into this.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { readBearerActor } from './auth.js';
import type { AppDependencies } from './app-context.js';
import { installErrorHandler } from './error-handler.js';
import { applicationRoutes } from './routes/applications.js';
import { caseRoutes } from './routes/cases.js';
import { healthRoutes } from './routes/health.js';

export async function registerApp(app: FastifyInstance, deps: AppDependencies): Promise<void> {
  app.decorate('deps', deps);
  app.decorateRequest('actor', undefined);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'AI industry subsidy cases', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (request) => {
    request.actor = await readBearerActor(request, deps.tokens);
  });

  await app.register(healthRoutes);
  await app.register(applicationRoutes);
  await app.register(caseRoutes);
}
