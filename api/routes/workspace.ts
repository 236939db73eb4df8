// The workspace (web/) on the API's own origin: its built files under /app/, every
// deep link under /app/ answered with its index.html (the browser's router takes over),
// and / leading there. API routes keep their paths; none starts with /app.
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { publicRoute } from '../access.js';
import { sendProblem } from '../error-handler.js';
import { HttpProblem } from '../problem.js';

export const WORKSPACE_PREFIX = '/app/';

export const isWorkspaceRoute = (url: string): boolean => url === '/' || url === '/app' || url.startsWith(WORKSPACE_PREFIX);

export const workspaceRoutes: FastifyPluginAsync<{ webRoot?: string | undefined }> = async (app, { webRoot }) => {
  app.get('/', { config: publicRoute, schema: { hide: true } }, (_request, reply) => reply.redirect(WORKSPACE_PREFIX));
  app.get('/app', { config: publicRoute, schema: { hide: true } }, (_request, reply) => reply.redirect(WORKSPACE_PREFIX));
  const built = webRoot !== undefined && existsSync(join(webRoot, 'index.html'));
  if (!built) {
    app.get('/app/*', { config: publicRoute, schema: { hide: true } }, (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The workspace is not built: run `npm run build:web` (npm start does it when needed).'),
    );
    return;
  }
  await app.register(
    async (workspace) => {
      await workspace.register(fastifyStatic, {
        root: webRoot,
        // Hashed asset names never change content: cached for a year; index.html never.
        setHeaders: (reply, path) => reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
      });
      // A path without a file extension is a page of the browser's router: answer with
      // the workspace; a missing asset stays a 404.
      workspace.setNotFoundHandler((request, reply) => {
        const path = request.url.split('?')[0] ?? '';
        if (request.method === 'GET' && extname(path) === '') return reply.header('cache-control', 'no-cache').sendFile('index.html');
        return sendProblem(request, reply, new HttpProblem(404, `no file ${path}`));
      });
    },
    { prefix: '/app' },
  );
};
