/// <reference types="@fastify/cookie" />
// Signing in to the workspace as a person: user id and password, a server-side session
// in an httpOnly, SameSite=Strict cookie, a CSRF token the workspace sends back on
// every state-changing request, a password change (required after the admin set it),
// and signing out. Repeated failures lock the account for a while.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyUser, publicRoute } from '../access.js';
import { actorOf } from '../auth.js';
import { HttpProblem, problemResponses, problemSchema } from '../problem.js';
import { appendAdminAudit } from '../repositories/audit.js';
import { createSession, endSession, endSessionsOf, findPasswordRecord, recordFailedSignIn, recordSuccessfulSignIn, setPassword } from '../repositories/sessions.js';
import { findUser } from '../repositories/users.js';
import { safeLine } from '../safe-text.js';
import { newPasswordSchema, passwordText } from '../sign-in/password-schema.js';
import { hashPassword, PASSWORD_MAX_LENGTH, UNKNOWN_USER_HASH, verifyPassword } from '../sign-in/passwords.js';
import { SESSION_COOKIE, SIGN_IN_POLICY } from '../sign-in/sign-in-policy.js';

const signInBody = z.strictObject({ userId: safeLine().min(1).max(64), password: passwordText().min(1).max(PASSWORD_MAX_LENGTH) });
const passwordBody = z
  .strictObject({ currentPassword: passwordText().min(1).max(PASSWORD_MAX_LENGTH), newPassword: newPasswordSchema })
  .refine((b) => b.newPassword !== b.currentPassword, { path: ['newPassword'], message: 'must differ from the current password' });

export const sessionView = z.object({
  user: z.object({ id: z.string(), name: z.string(), role: z.string(), enterpriseId: z.string().nullable() }),
  /** Send back as X-CSRF-Token on every POST, PATCH, PUT and DELETE; null for a bearer token. */
  csrfToken: z.string().nullable(),
  passwordMustChange: z.boolean(),
  expiresAt: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

const beforePasswordChange = { ...anyUser, beforePasswordChange: true } as const;

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, now } = app.deps;

  async function viewOf(userId: string, csrfToken: string | null, passwordMustChange: boolean, expiresAt: Date | null): Promise<SessionView> {
    const user = await findUser(db, userId);
    if (!user) throw new HttpProblem(401, 'the user of this session is unknown');
    return {
      user: { id: user.id, name: user.name, role: user.role, enterpriseId: user.enterpriseId },
      csrfToken,
      passwordMustChange,
      expiresAt: expiresAt?.toISOString() ?? null,
    };
  }

  app.post(
    '/session',
    {
      config: publicRoute,
      schema: {
        summary: 'Sign in to the workspace with user id and password',
        description: `Sets the session cookie (httpOnly, SameSite=Strict). ${SIGN_IN_POLICY.maxFailures} failures in a row lock the account for ${SIGN_IN_POLICY.lockMs / 60_000} minutes (429 with Retry-After). When passwordMustChange is true, only GET/DELETE /session and POST /session/password answer until the password is changed.`,
        tags: ['session'],
        security: [],
        body: signInBody,
        response: { 200: sessionView, 429: problemSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { userId, password } = request.body;
      const at = now();
      const record = await findPasswordRecord(db, userId);
      if (record?.lockedUntil && record.lockedUntil > at) {
        reply.header('retry-after', Math.ceil((record.lockedUntil.getTime() - at.getTime()) / 1000));
        throw new HttpProblem(429, `too many failed sign-ins: this account is locked until ${record.lockedUntil.toISOString()}`);
      }
      // Hash even for an unknown user, so the answer's timing does not tell ids apart.
      const matches = await verifyPassword(password, record?.passwordHash ?? UNKNOWN_USER_HASH);
      if (!record || !record.passwordHash || !matches || !record.active) {
        if (record) await recordFailedSignIn(db, record.id, SIGN_IN_POLICY.maxFailures, new Date(at.getTime() + SIGN_IN_POLICY.lockMs));
        throw new HttpProblem(401, 'the user id or the password is wrong, or the user is deactivated');
      }
      await recordSuccessfulSignIn(db, record.id);
      const session = await createSession(db, record, new Date(at.getTime() + SIGN_IN_POLICY.sessionMs));
      reply.setCookie(SESSION_COOKIE, session.id, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: request.protocol === 'https',
        expires: session.expiresAt,
      });
      return viewOf(record.id, session.csrfToken, record.passwordMustChange, session.expiresAt);
    },
  );

  app.get(
    '/session',
    { config: beforePasswordChange, schema: { summary: 'Who I am signed in as, with the CSRF token', tags: ['session'], response: { 200: sessionView, ...problemResponses } } },
    async (request) => {
      const actor = actorOf(request);
      const session = request.session;
      return viewOf(actor.userId, session?.csrfToken ?? null, session?.passwordMustChange ?? false, null);
    },
  );

  app.delete(
    '/session',
    { config: beforePasswordChange, schema: { summary: 'Sign out: the session ends now', tags: ['session'], response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      if (request.session) await endSession(db, request.session.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/session/password',
    {
      config: beforePasswordChange,
      schema: {
        summary: 'Change my password (required after the admin set it); my other sessions end',
        tags: ['session'],
        body: passwordBody,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const record = await findPasswordRecord(db, actor.userId);
      if (!record?.passwordHash || !(await verifyPassword(request.body.currentPassword, record.passwordHash))) {
        throw new HttpProblem(400, 'body.currentPassword: is not your current password', [{ field: 'body.currentPassword', message: 'is not your current password' }]);
      }
      await setPassword(db, actor.userId, await hashPassword(request.body.newPassword), false);
      await endSessionsOf(db, actor.userId, request.session?.id);
      await appendAdminAudit(db, { actor: actor.userId, action: 'password-changed', detail: { userId: actor.userId } });
      return reply.code(204).send(null);
    },
  );
};
