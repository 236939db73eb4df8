// The office's SMTP server (admin). Off until the administrator turns it on; the
// password is sealed at rest and never served back (only whether one is set).
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mailSettings } from '../../db/schema.js';
import { Role } from '../../domain/vocabulary.js';
import { seal } from '../../mail/sealed-secret.js';
import { MAIL_SETTINGS_ID, readMailSettings } from '../../mail/settings.js';
import type { MailSettingsRow } from '../../mail/settings.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { appendAdminAudit } from '../repositories/audit.js';
import { safeLine } from '../safe-text.js';

// A DNS name or an IPv4 address; an IPv6 literal in brackets.
const HOST = /^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?))*|\[[0-9A-Fa-f:.]+\])$/;

export const mailSettingsBody = z
  .strictObject({
    enabled: z.boolean().describe('false: no e-mail is sent (the default)'),
    host: safeLine().max(253).regex(HOST, { error: 'a host name or IP address, such as smtp.example.gov.cn' }),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().describe('true: TLS from the first byte (usually port 465); false: STARTTLS when the server offers it (587, 25)'),
    username: safeLine().min(1).max(256).nullable().optional().describe('to log in with; null or absent: no login'),
    password: z.string().min(1).max(1024).nullable().optional().describe('kept sealed, never served back; absent: keep the one set, null: remove it'),
    fromAddress: z.email({ error: 'an e-mail address, such as noreply@example.gov.cn' }).max(254),
  })
  .superRefine((body, ctx) => {
    if (body.username && body.password === null) ctx.addIssue({ code: 'custom', path: ['password'], message: 'a user name needs a password' });
    if (!body.username && typeof body.password === 'string') ctx.addIssue({ code: 'custom', path: ['username'], message: 'a password needs a user name' });
  });

export const mailSettingsView = z.object({
  configured: z.boolean().describe('false: never set; the values shown are the defaults'),
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string().nullable(),
  passwordSet: z.boolean(),
  fromAddress: z.string(),
  enabledAt: z.string().nullable().describe('notifications written before this are not mailed'),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

const DEFAULT_VIEW: z.infer<typeof mailSettingsView> = {
  configured: false,
  enabled: false,
  host: '',
  port: 587,
  secure: false,
  username: null,
  passwordSet: false,
  fromAddress: '',
  enabledAt: null,
  updatedBy: null,
  updatedAt: null,
};

const toView = (row: MailSettingsRow | undefined): z.infer<typeof mailSettingsView> =>
  row
    ? {
        configured: true,
        enabled: row.enabled,
        host: row.host,
        port: row.port,
        secure: row.secure,
        username: row.username,
        passwordSet: row.passwordSealed !== null,
        fromAddress: row.fromAddress,
        enabledAt: row.enabledAt?.toISOString() ?? null,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt.toISOString(),
      }
    : DEFAULT_VIEW;

export const mailSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get(
    '/mail-settings',
    { config: only(Role.Admin), schema: { summary: 'The SMTP server notifications are mailed through (admin; never the password)', tags: ['notifications'], response: { 200: mailSettingsView, ...problemResponses } } },
    async () => toView(await readMailSettings(db)),
  );

  app.put(
    '/mail-settings',
    {
      config: only(Role.Admin),
      schema: { summary: 'Set the SMTP server, turn e-mail on or off (admin; audited without the password)', tags: ['notifications'], body: mailSettingsBody, response: { 200: mailSettingsView, ...problemResponses } },
    },
    async (request) => {
      const admin = actorOf(request);
      const { password, ...body } = request.body;
      const secret = app.deps.mailSecret;
      if (typeof password === 'string' && !secret) throw new HttpProblem(409, 'this API process has no AUTH_SECRET to seal the SMTP password with');
      // No login, no password kept; absent: the one set stays.
      const sealed = typeof password === 'string' && secret ? { passwordSealed: seal(secret, password) } : password === null || !body.username ? { passwordSealed: null } : {};
      const values = { ...body, username: body.username ?? null, ...sealed, updatedBy: admin.userId, updatedAt: sql`now()` };
      await db.transaction(async (tx) => {
        const before = await readMailSettings(tx);
        if (body.username && password === undefined && !before?.passwordSealed) {
          throw new HttpProblem(400, 'body.password: a user name needs a password', [{ field: 'body.password', message: 'a user name needs a password' }]);
        }
        // Turning it on starts the clock: what was written while it was off is not mailed.
        const enabledAt = body.enabled ? (before?.enabled ? before.enabledAt : sql`now()`) : null;
        await tx
          .insert(mailSettings)
          .values({ id: MAIL_SETTINGS_ID, ...values, enabledAt })
          .onConflictDoUpdate({ target: mailSettings.id, set: { ...values, enabledAt } });
        await appendAdminAudit(tx, { actor: admin.userId, action: 'mail-settings-changed', detail: { ...body, passwordChanged: password !== undefined } });
      });
      return toView(await readMailSettings(db));
    },
  );
};
