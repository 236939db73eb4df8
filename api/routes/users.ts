// Users and their tokens (admin). Creating a user, changing it and issuing a token
// are recorded in the audit log; the token itself never is.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../domain/vocabulary.js';
import { anyUser, only } from '../access.js';
import { actorOf } from '../auth.js';
import type { Database } from '../../db/client.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { appendAdminAudit } from '../repositories/audit.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { endSessionsOf, setPassword } from '../repositories/sessions.js';
import { findUser, insertUser, listUsers, updateUser } from '../repositories/users.js';
import { hashPassword } from '../sign-in/passwords.js';
import { newPasswordSchema } from '../sign-in/password-schema.js';
import type { UserRow } from '../repositories/users.js';
import { safeLine } from '../safe-text.js';
import { roleSchema } from '../schemas.js';
import { parseTtl } from '../ttl.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, { error: 'use 2 to 64 letters, digits, ".", "-" or "_"' });
const tags = z.array(safeLine().min(1).max(64)).max(50);
const emailAddress = z.email({ error: 'an e-mail address, such as name@example.com' }).max(254).describe('where notifications are mailed when the office has SMTP set up');

export const newUser = z
  .strictObject({
    id,
    name: safeLine().min(1).max(200),
    role: roleSchema,
    enterpriseId: id.optional(),
    organisation: safeLine().min(1).max(200).optional(),
    specialties: tags.optional(),
    relatedEnterpriseIds: tags.optional(),
    initialPassword: newPasswordSchema.optional().describe('for signing in to the workspace; the first sign-in must change it'),
    email: emailAddress.optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === Role.Applicant && !u.enterpriseId) ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'an applicant acts for one enterprise: give its id' });
    if (u.role !== Role.Applicant && u.enterpriseId) ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'only an applicant acts for an enterprise' });
  });

export const userChanges = z.strictObject({
  name: safeLine().min(1).max(200).optional(),
  role: roleSchema.optional().describe('a new role: give enterpriseId with it when it is applicant, null when it leaves applicant; the user’s sessions end'),
  enterpriseId: id.nullable().optional().describe('the enterprise an applicant acts for; the user’s sessions end'),
  active: z.boolean().optional(),
  organisation: safeLine().min(1).max(200).nullable().optional(),
  specialties: tags.optional(),
  relatedEnterpriseIds: tags.optional(),
  password: newPasswordSchema.optional().describe('reset the workspace password: the next sign-in must change it; the user’s sessions end'),
  email: emailAddress.nullable().optional(),
});

export const userView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  enterpriseId: z.string().nullable(),
  organisation: z.string().nullable(),
  specialties: z.array(z.string()),
  relatedEnterpriseIds: z.array(z.string()),
  active: z.boolean(),
  hasPassword: z.boolean(),
  email: z.string().nullable(),
  createdAt: z.string(),
});

const toView = ({ passwordHash, passwordMustChange: _m, failedSignIns: _f, lockedUntil: _l, ...u }: UserRow): z.infer<typeof userView> => ({
  ...u,
  hasPassword: passwordHash !== null,
  createdAt: u.createdAt.toISOString(),
});

const userParams = z.object({ userId: id });

/** A user's role and enterprise after a change must fit each other, and the enterprise exist (400 at the field). */
async function checkStanding(db: Database, after: { role: string; enterpriseId: string | null }): Promise<void> {
  if (after.role === Role.Applicant && !after.enterpriseId) {
    throw new HttpProblem(400, 'body.enterpriseId: an applicant acts for one enterprise: give its id', [{ field: 'body.enterpriseId', message: 'an applicant acts for one enterprise: give its id' }]);
  }
  if (after.role !== Role.Applicant && after.enterpriseId) {
    throw new HttpProblem(400, 'body.enterpriseId: only an applicant acts for an enterprise (send null)', [{ field: 'body.enterpriseId', message: 'only an applicant acts for an enterprise (send null)' }]);
  }
  if (after.enterpriseId && !(await findEnterprise(db, after.enterpriseId))) {
    throw new HttpProblem(400, `body.enterpriseId: no enterprise ${after.enterpriseId}`, [{ field: 'body.enterpriseId', message: `no enterprise ${after.enterpriseId}` }]);
  }
}
const tokenRequest = z.strictObject({ ttl: z.string().max(16).optional().describe('how long the token lives, e.g. "8h", "30m", "7d" (default 8h, at most 30d)') });
const issuedToken = z.object({ userId: z.string(), role: z.string(), token: z.string(), expiresAt: z.string() });

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/me', { config: anyUser, schema: { summary: 'The caller', tags: ['users'], response: { 200: userView, ...problemResponses } } }, async (request) => {
    const user = await findUser(app.deps.db, actorOf(request).userId);
    if (!user) throw new HttpProblem(401, 'the user of this token is unknown');
    return toView(user);
  });

  app.get(
    '/users',
    {
      config: only(Role.Admin),
      schema: {
        summary: 'List users (admin)',
        tags: ['users'],
        querystring: z.object({ role: roleSchema.optional(), after: id.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(userView) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await listUsers(app.deps.db, request.query)).map(toView) }),
  );

  app.post(
    '/users',
    { config: only(Role.Admin), schema: { summary: 'Create a user (admin)', tags: ['users'], body: newUser, response: { 201: userView, ...problemResponses } } },
    async (request, reply) => {
      const admin = actorOf(request);
      const { initialPassword, ...body } = request.body;
      if (body.enterpriseId && !(await findEnterprise(app.deps.db, body.enterpriseId))) {
        throw new HttpProblem(400, `body.enterpriseId: no enterprise ${body.enterpriseId}`, [{ field: 'body.enterpriseId', message: `no enterprise ${body.enterpriseId}` }]);
      }
      const password = initialPassword === undefined ? {} : { passwordHash: await hashPassword(initialPassword), passwordMustChange: true };
      // The change and its audit entry commit together, or neither does. The audit says
      // a password was set, never which.
      await app.deps.db.transaction(async (tx) => {
        if (!(await insertUser(tx, { ...body, ...password }))) throw new HttpProblem(409, `a user ${body.id} already exists`);
        await appendAdminAudit(tx, { actor: admin.userId, action: 'user-created', detail: { ...body, initialPasswordSet: initialPassword !== undefined } });
      });
      const user = await findUser(app.deps.db, body.id);
      if (!user) throw new Error(`user ${body.id} vanished after insert`);
      return reply.code(201).header('location', `/users/${user.id}`).send(toView(user));
    },
  );

  app.patch(
    '/users/:userId',
    {
      config: only(Role.Admin),
      schema: { summary: 'Change or deactivate a user (admin)', tags: ['users'], params: userParams, body: userChanges, response: { 200: userView, ...problemResponses } },
    },
    async (request) => {
      const admin = actorOf(request);
      const { userId } = request.params;
      const { password, ...changes } = request.body;
      if (userId === admin.userId && changes.active === false) throw new HttpProblem(409, 'an admin cannot deactivate itself');
      if (userId === admin.userId && changes.role !== undefined && changes.role !== Role.Admin) throw new HttpProblem(409, 'an admin cannot take its own admin role away');
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      const user = await app.deps.db.transaction(async (tx) => {
        const before = await findUser(tx, userId);
        if (!before) throw new HttpProblem(404, `no user ${userId}`);
        await checkStanding(tx, { role: changes.role ?? before.role, enterpriseId: changes.enterpriseId === undefined ? before.enterpriseId : changes.enterpriseId });
        const changed = await updateUser(tx, userId, changes);
        if (!changed) throw new HttpProblem(404, `no user ${userId}`);
        if (passwordHash !== undefined) await setPassword(tx, userId, passwordHash, true);
        // A deactivated user, a reset password or another role or enterprise ends the
        // user's sessions now (the standing check refuses them anyway; this also clears
        // them from the table).
        const standingChanged = (changes.role !== undefined && changes.role !== before.role) || (changes.enterpriseId !== undefined && changes.enterpriseId !== before.enterpriseId);
        if (changes.active === false || passwordHash !== undefined || standingChanged) await endSessionsOf(tx, userId);
        await appendAdminAudit(tx, {
          actor: admin.userId,
          action: changes.active === false ? 'user-deactivated' : 'user-changed',
          detail: { userId, ...changes, ...(passwordHash !== undefined && { passwordReset: true }) },
        });
        return passwordHash === undefined ? changed : await findUser(tx, userId);
      });
      if (!user) throw new HttpProblem(404, `no user ${userId}`);
      // At once here, once committed; other processes hear of it from PostgreSQL (user_changed).
      app.deps.userStandings.forget(userId);
      return toView(user);
    },
  );

  app.post(
    '/users/:userId/tokens',
    {
      config: only(Role.Admin),
      schema: {
        summary: 'Issue a bearer token for a user (admin)',
        tags: ['users'],
        params: userParams,
        body: tokenRequest.nullish(),
        response: { 201: issuedToken, ...problemResponses },
      },
    },
    async (request, reply) => {
      const admin = actorOf(request);
      const ttlSeconds = parseTtl(request.body?.ttl, 'body.ttl');
      const user = await findUser(app.deps.db, request.params.userId);
      if (!user) throw new HttpProblem(404, `no user ${request.params.userId}`);
      if (!user.active) throw new HttpProblem(409, `user ${user.id} is deactivated`);
      const issued = await app.deps.tokens.issueWithExpiry(
        { userId: user.id, role: roleSchema.parse(user.role), ...(user.enterpriseId && { enterpriseId: user.enterpriseId }) },
        ttlSeconds,
      );
      await appendAdminAudit(app.deps.db, { actor: admin.userId, action: 'token-issued', detail: { userId: user.id, expiresAt: issued.expiresAt } });
      return reply.code(201).send({ userId: user.id, role: user.role, ...issued });
    },
  );
};

