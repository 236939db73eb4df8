// Annual notices (第十三条): the admin publishes one per year; everyone signed in may
// read them (they are public documents).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../domain/vocabulary.js';
import { anyUser, only } from '../access.js';
import { actorOf } from '../auth.js';
import { caseSettingsOf, caseSettingsPatch, isoDate, noticePrograms } from '../notice-rules.js';
import type { Notice } from '../notice-rules.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { appendAdminAudit } from '../repositories/audit.js';
import { findNotice, insertNotice, listNotices } from '../repositories/notices.js';
import { programTitle, programTitles } from '../program-titles.js';
import { DEFAULT_CASE_SETTINGS } from '../../domain/vocabulary.js';

const year = z.coerce.number().int().min(2000).max(2999);

export const newNotice = z
  .strictObject({
    year: z.int().min(2000).max(2999),
    applicationOpensOn: isoDate,
    applicationClosesOn: isoDate,
    reportingOpensOn: isoDate,
    reportingClosesOn: isoDate,
    programs: noticePrograms.describe('the programs open this year, each with its budget in fen'),
    settings: caseSettingsPatch.default({}).describe('durations and panel size for cases under this notice; omitted ones take the defaults'),
  })
  .superRefine((n, ctx) => {
    if (!n.applicationOpensOn.startsWith(`${n.year}-`)) ctx.addIssue({ code: 'custom', path: ['applicationOpensOn'], message: `must fall in ${n.year}` });
    if (n.applicationClosesOn < n.applicationOpensOn) ctx.addIssue({ code: 'custom', path: ['applicationClosesOn'], message: 'must not be before applicationOpensOn' });
    if (n.reportingClosesOn < n.reportingOpensOn) ctx.addIssue({ code: 'custom', path: ['reportingClosesOn'], message: 'must not be before reportingOpensOn' });
  });

const settingsView = z.object({
  taskDue: z.string(),
  escalationStep: z.string(),
  correctionPeriod: z.string(),
  expertDeclarationPeriod: z.string(),
  expertScoringPeriod: z.string(),
  noticePeriod: z.string(),
  panelSize: z.number().int(),
  paymentAttempts: z.number().int(),
  reportReminderBefore: z.string(),
  noticePollInterval: z.string(),
});

export const noticeView = z.object({
  year: z.number().int(),
  applicationOpensOn: z.string(),
  applicationClosesOn: z.string(),
  reportingOpensOn: z.string(),
  reportingClosesOn: z.string(),
  programs: z.record(z.string(), z.object({ budgetFen: z.number().int() })),
  settings: settingsView.describe('what cases under this notice run on: the notice’s settings over the defaults'),
  ownSettings: z.array(z.string()).describe('the settings this notice sets itself; the others are the defaults'),
  createdBy: z.string(),
  createdAt: z.string(),
});

const toView = (n: Notice): z.infer<typeof noticeView> => ({
  ...n,
  programs: n.programs as Record<string, { budgetFen: number }>,
  settings: caseSettingsOf(n),
  ownSettings: Object.keys(n.settings).filter((key) => n.settings[key as keyof Notice['settings']] !== undefined),
});

export const noticeDefaults = z.object({
  settings: settingsView.describe('what a setting a notice leaves out is'),
  settingLimits: z.string().describe('what a duration may be'),
  programs: z.array(programTitle).describe('the programs a notice may open, with their names and articles as the policy words them'),
});

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notices',
    { config: anyUser, schema: { summary: 'Annual notices', tags: ['notices'], response: { 200: z.object({ items: z.array(noticeView) }), ...problemResponses } } },
    async () => ({ items: (await listNotices(app.deps.db)).map(toView) }),
  );

  app.get(
    '/notices/:year',
    { config: anyUser, schema: { summary: 'The annual notice of a year', tags: ['notices'], params: z.object({ year }), response: { 200: noticeView, ...problemResponses } } },
    async (request) => {
      const notice = await findNotice(app.deps.db, request.params.year);
      if (!notice) throw new HttpProblem(404, `no annual notice for ${request.params.year}`);
      return toView(notice);
    },
  );

  app.get(
    '/notice-defaults',
    {
      config: only(Role.Admin),
      schema: { summary: 'What a new annual notice starts from: the default settings and the programs it may open (admin)', tags: ['notices'], response: { 200: noticeDefaults, ...problemResponses } },
    },
    async () => ({
      settings: DEFAULT_CASE_SETTINGS,
      settingLimits: 'durations such as "10 days", "36h" or "30s", from 1 second to 366 days; a panel of 3 to 15 experts, odd; 1 to 20 payment attempts',
      programs: programTitles(),
    }),
  );

  app.post(
    '/notices',
    {
      config: only(Role.Admin),
      schema: { summary: 'Publish the annual notice of a year (admin)', tags: ['notices'], body: newNotice, response: { 201: noticeView, ...problemResponses } },
    },
    async (request, reply) => {
      const admin = actorOf(request);
      const body = request.body;
      // The notice and its audit entry commit together, or neither does.
      await app.deps.db.transaction(async (tx) => {
        if (!(await insertNotice(tx, { ...body, createdBy: admin.userId }))) throw new HttpProblem(409, `the ${body.year} annual notice already exists`);
        await appendAdminAudit(tx, { actor: admin.userId, action: 'notice-published', detail: body });
      });
      const notice = await findNotice(app.deps.db, body.year);
      if (!notice) throw new Error(`notice ${body.year} vanished after insert`);
      return reply.code(201).header('location', `/notices/${body.year}`).send(toView(notice));
    },
  );
};
