// Demo data for the main job: people of every role, enterprises (one in the same
// group as an expert, to show conflict exclusion), experts with organisations and
// specialties, this year's annual notice with short durations so a newcomer sees
// tasks fall due, reminders and escalations within minutes, and a few cases driven
// through the real API to different stages, so inboxes and histories are not empty.
// Idempotent: a case that exists is left as it is.
import { and, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../api/auth.js';
import { hashPassword } from '../api/sign-in/passwords.js';
import type { Database } from '../db/client.js';
import { annualNotices, cases, enterprises, users } from '../db/schema.js';
import { PROGRAM_CODES, policyVersionInForce, programDefinition } from '../rules/index.js';
import type { Facts, ProgramCode, Qualification } from '../rules/index.js';
import type { Actor, Role } from '../domain/vocabulary.js';

export interface DemoUser extends Actor {
  name: string;
}

const DEMO_ENTERPRISES = [
  { id: 'ent-zhisuan', name: '北京智算云图科技有限公司', organisation: '智算云图集团', registeredInDistrict: true, blacklisted: false },
  { id: 'ent-shuju', name: '石景山数据港科技有限公司', organisation: '数据港控股', registeredInDistrict: true, blacklisted: false },
  { id: 'ent-moxing', name: '京西大模型研究院', organisation: '京西大模型研究院', registeredInDistrict: true, blacklisted: false },
  { id: 'ent-waiqu', name: '海淀某人工智能有限公司', organisation: '海淀某集团', registeredInDistrict: false, blacklisted: false },
];

const ALL_SPECIALTIES = ['compute', 'data', 'platform', 'evaluation', 'scenario', 'industry'];

const DEMO_USERS: (DemoUser & { organisation?: string; specialties?: string[] })[] = [
  { userId: 'applicant-zhisuan', role: 'applicant', enterpriseId: 'ent-zhisuan', name: '张三（智算云图）' },
  { userId: 'applicant-shuju', role: 'applicant', enterpriseId: 'ent-shuju', name: '李四（数据港）' },
  { userId: 'applicant-moxing', role: 'applicant', enterpriseId: 'ent-moxing', name: '王五（京西大模型研究院）' },
  { userId: 'applicant-waiqu', role: 'applicant', enterpriseId: 'ent-waiqu', name: '赵六（区外企业）' },
  { userId: 'officer-1', role: 'officer', name: '经办人 刘' },
  { userId: 'officer-2', role: 'officer', name: '经办人 陈' },
  { userId: 'expert-1', role: 'expert', name: '专家 周（清华）', organisation: '清华大学', specialties: ALL_SPECIALTIES },
  { userId: 'expert-2', role: 'expert', name: '专家 吴（北大）', organisation: '北京大学', specialties: ALL_SPECIALTIES },
  { userId: 'expert-3', role: 'expert', name: '专家 郑（中科院）', organisation: '中国科学院', specialties: ALL_SPECIALTIES },
  { userId: 'expert-4', role: 'expert', name: '专家 冯（信通院）', organisation: '中国信通院', specialties: ['compute', 'data', 'evaluation', 'industry'] },
  { userId: 'expert-5', role: 'expert', name: '专家 褚（智算云图集团）', organisation: '智算云图集团', specialties: ALL_SPECIALTIES },
  { userId: 'expert-6', role: 'expert', name: '专家 卫（北航）', organisation: '北京航空航天大学', specialties: ['platform', 'scenario', 'industry'] },
  { userId: 'expert-7', role: 'expert', name: '专家 蒋（会计师事务所）', organisation: '某会计师事务所', specialties: ['compute', 'data', 'platform', 'scenario'] },
  { userId: 'committee-1', role: 'committee', name: '管委会 孙' },
  { userId: 'committee-2', role: 'committee', name: '管委会 钱' },
  { userId: 'finance-1', role: 'finance', name: '财务 杨' },
  { userId: 'supervisor-1', role: 'supervisor', name: '科长 朱' },
  { userId: 'ops-1', role: 'ops', name: '运维 秦' },
  { userId: 'admin-1', role: 'admin', name: '系统管理员' },
];

/** Short durations, so the lifecycle moves while a newcomer watches. */
export const DEMO_SETTINGS = {
  taskDue: '10 minutes',
  escalationStep: '5 minutes',
  correctionPeriod: '30 minutes',
  expertDeclarationPeriod: '10 minutes',
  expertScoringPeriod: '30 minutes',
  // The demo's paid case waits out its public notice at the first start.
  noticePeriod: '10s',
  panelSize: 3,
  paymentAttempts: 3,
};

/**
 * Every demo person signs in to the workspace with this password (printed by
 * `npm start`). Unlike a password an admin sets, it need not be changed first: it
 * exists to show the workspace, not to protect it.
 */
export const DEMO_PASSWORD = 'subsidy-demo';

export async function seedDemoData(db: Database, year: number): Promise<DemoUser[]> {
  await db.insert(enterprises).values(DEMO_ENTERPRISES).onConflictDoNothing();
  const demoHash = await hashPassword(DEMO_PASSWORD);
  await db
    .insert(users)
    .values(
      DEMO_USERS.map((u) => ({
        id: u.userId,
        name: u.name,
        role: u.role satisfies Role,
        enterpriseId: u.enterpriseId ?? null,
        organisation: u.organisation ?? null,
        specialties: u.specialties ?? [],
        passwordHash: demoHash,
      })),
    )
    .onConflictDoNothing();
  // Demo people seeded before passwords existed get the demo password; a changed one stays.
  await db
    .update(users)
    .set({ passwordHash: demoHash })
    .where(and(inArray(users.id, DEMO_USERS.map((u) => u.userId)), isNull(users.passwordHash)));
  await db
    .insert(annualNotices)
    .values({
      year,
      applicationOpensOn: `${year}-01-01`,
      applicationClosesOn: `${year}-12-31`,
      reportingOpensOn: `${year}-01-01`,
      reportingClosesOn: `${year}-12-31`,
      // Every program open, 50 million yuan each.
      programs: Object.fromEntries(PROGRAM_CODES.map((code) => [code, { budgetFen: 5_000_000_000 }])),
      settings: DEMO_SETTINGS,
      createdBy: 'admin-1',
    })
    .onConflictDoNothing();
  return DEMO_USERS.map(({ userId, role, enterpriseId, name }) => ({ userId, role, name, ...(enterpriseId && { enterpriseId }) }));
}

interface DemoCaseSpec {
  /** The application id: `demo-<year>-<suffix>`. */
  suffix: string;
  program: ProgramCode;
  applicant: string;
  qualifications: Qualification[];
  facts: Facts;
  /** What happens after submission, through the API as the demo people. */
  drive: (d: DemoDriver, caseId: string) => Promise<void>;
  /** The stage the drive leaves it in, and who acts next there (for the printed list). */
  stage: string;
  next: string;
}

export interface DemoCase {
  caseId: string;
  program: string;
  stage: string;
  status: string;
  next: string;
  /** False when an earlier start had already created it. */
  created: boolean;
}

interface OpenTask {
  taskId: string;
  kind: string;
  assignee?: string | null;
}

/** Sends requests into the running API as demo people, and waits for the case to move. */
class DemoDriver {
  private readonly headers = new Map<string, Record<string, string>>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly tokens: TokenService,
  ) {}

  private async as(userId: string): Promise<Record<string, string>> {
    let h = this.headers.get(userId);
    if (!h) {
      const user = DEMO_USERS.find((u) => u.userId === userId);
      if (!user) throw new Error(`no demo user ${userId}`);
      const token = await this.tokens.issue({ userId, role: user.role, ...(user.enterpriseId && { enterpriseId: user.enterpriseId }) }, 600);
      h = { authorization: `Bearer ${token}` };
      this.headers.set(userId, h);
    }
    return h;
  }

  async request<T>(userId: string, method: 'GET' | 'POST', url: string, payload?: object, extra: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const res = await this.app.inject({ method, url, headers: { ...(await this.as(userId)), ...extra }, ...(payload && { payload }) });
    return { status: res.statusCode, body: res.json() as T };
  }

  async send(userId: string, method: 'GET' | 'POST', url: string, payload?: object): Promise<unknown> {
    const res = await this.request(userId, method, url, payload);
    if (res.status >= 300) throw new Error(`demo: ${userId} ${method} ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The case as ops sees it, once it exists in the read model and `ready` holds. */
  async waitFor<T extends { stage: string; openTasks: OpenTask[] }>(caseId: string, what: string, ready: (c: T) => boolean, timeoutMs = 60_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.request<T>('ops-1', 'GET', `/cases/${caseId}`);
      if (res.status === 200 && ready(res.body)) return res.body;
      if (Date.now() > until) throw new Error(`demo: case ${caseId} did not reach ${what} within ${timeoutMs / 1000}s (stage ${res.status === 200 ? res.body.stage : res.status})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Waits for an open task of the kind (and assignee) and answers it as that person. */
  async decide(caseId: string, kind: string, userId: string, body: object, options: { assignee?: string; timeoutMs?: number } = {}): Promise<void> {
    const open = await this.waitFor<{ stage: string; openTasks: OpenTask[] }>(
      caseId,
      `an open ${kind} task`,
      (c) => c.openTasks.some((t) => t.kind === kind && (options.assignee === undefined || t.assignee === options.assignee)),
      options.timeoutMs,
    );
    const task = open.openTasks.find((t) => t.kind === kind && (options.assignee === undefined || t.assignee === options.assignee))!;
    await this.send(userId, 'POST', `/tasks/${encodeURIComponent(task.taskId)}/decision`, body);
  }
}

const accept = { decision: 'accept' };

const DEMO_CASES: DemoCaseSpec[] = [
  {
    suffix: 'review',
    program: 'A5-DATA-REGISTER',
    applicant: 'applicant-shuju',
    qualifications: [],
    facts: { registrationFeesFen: 8_600_000 },
    drive: async () => {},
    stage: 'formal-review',
    next: 'an officer reviews it (officer-1, officer-2)',
  },
  {
    suffix: 'correction',
    program: 'A7-EVAL-CERT',
    applicant: 'applicant-zhisuan',
    qualifications: ['national-eval-certification'],
    facts: { evaluationContractFen: 120_000_000 },
    drive: (d, caseId) => d.decide(caseId, 'formal-review', 'officer-1', { decision: 'return', reason: '评测合同缺少盖章页，请补充上传。' }),
    stage: 'correction',
    next: 'applicant-zhisuan corrects it (officer-1 returned it)',
  },
  {
    suffix: 'experts',
    program: 'A6-PLATFORM',
    applicant: 'applicant-zhisuan',
    qualifications: ['platform-national'],
    facts: { rentPaidFen: 360_000_000, areaUsedM2: 4800, operatingCostsFen: 210_000_000 },
    drive: async (d, caseId) => {
      await d.decide(caseId, 'formal-review', 'officer-2', accept);
      // expert-5 shares 智算云图集团 with the applicant: never drawn. Of the three drawn,
      // the first declares and scores, the second declares, the third has not answered.
      const drawn = await d.waitFor<{ stage: string; openTasks: OpenTask[] }>(caseId, 'a drawn panel', (c) => c.openTasks.filter((t) => t.kind === 'expert-conflict').length >= 3);
      const [first, second] = drawn.openTasks.filter((t) => t.kind === 'expert-conflict').map((t) => t.assignee!);
      const criteria = programDefinition(policyVersionInForce(today()).id, 'A6-PLATFORM').criteria;
      await d.decide(caseId, 'expert-conflict', first!, { hasConflict: false }, { assignee: first! });
      await d.decide(caseId, 'expert-scoring', first!, { scores: Object.fromEntries(criteria.map((c) => [c.name, c.maxPoints - 4])), comment: '平台定位清晰，服务方案可行。' }, { assignee: first! });
      await d.decide(caseId, 'expert-conflict', second!, { hasConflict: false }, { assignee: second! });
    },
    stage: 'expert-evaluation',
    next: 'the panel: one expert scored, one scoring, one to declare (expert-5 never drawn: same group)',
  },
  {
    suffix: 'committee',
    program: 'A5-DATA-TRADE',
    applicant: 'applicant-shuju',
    qualifications: [],
    facts: { contractAmountFen: 250_000_000 },
    drive: (d, caseId) => d.decide(caseId, 'formal-review', 'officer-2', accept),
    stage: 'committee',
    next: 'the committee decides (committee-1, committee-2)',
  },
  {
    suffix: 'paid',
    program: 'A5-DATA-REGISTER',
    applicant: 'applicant-moxing',
    qualifications: [],
    facts: { registrationFeesFen: 12_345_678 },
    drive: async (d, caseId) => {
      await d.decide(caseId, 'formal-review', 'officer-1', accept);
      const atCommittee = await d.waitFor<{ stage: string; openTasks: OpenTask[]; maximumAmountFen: number | null }>(
        caseId,
        'the committee',
        (c) => c.openTasks.some((t) => t.kind === 'committee-decision') && c.maximumAmountFen !== null,
      );
      await d.decide(caseId, 'committee-decision', 'committee-1', { decision: 'approve', amountFen: atCommittee.maximumAmountFen });
      // The public notice runs its period (10 s in the demo notice), then finance pays.
      await d.decide(caseId, 'payment-confirmation', 'finance-1', { outcome: 'paid', reference: 'DEMO-BANK-0001' }, { timeoutMs: 5 * 60_000 });
      await d.waitFor(caseId, 'completion', (c) => c.stage === 'closed');
    },
    stage: 'closed',
    next: 'nobody: approved, publicly noticed, paid (finance-1, DEMO-BANK-0001)',
  },
];

const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Drives the demo cases through the running API (the worker must be running): each
 * one not yet in the read model is submitted and taken to its stage. Returns every
 * demo case with its stage as the read model has it now.
 */
export async function ensureDemoCases(db: Database, app: FastifyInstance, tokens: TokenService, year: number): Promise<DemoCase[]> {
  const ids = DEMO_CASES.map((spec) => `demo-${year}-${spec.suffix}`);
  const existing = new Set((await db.select({ id: cases.id }).from(cases).where(inArray(cases.id, ids))).map((r) => r.id));
  const driver = new DemoDriver(app, tokens);
  const created = new Set<string>();
  await Promise.all(
    DEMO_CASES.map(async (spec, i) => {
      const caseId = ids[i]!;
      if (existing.has(caseId)) return;
      const definition = programDefinition(policyVersionInForce(today()).id, spec.program);
      const submitted = await driver.request(
        spec.applicant,
        'POST',
        '/applications',
        {
          applicationId: caseId,
          program: spec.program,
          qualifications: spec.qualifications,
          facts: spec.facts,
          evidence: definition.evidence.map((kind, n) => ({ kind, reference: `DEMO-${spec.suffix.toUpperCase()}-${n + 1}` })),
        },
        { 'idempotency-key': `demo-${caseId}` },
      );
      // 409: an earlier start submitted it but stopped before the read model had it.
      if (submitted.status === 409) return;
      if (submitted.status !== 201) throw new Error(`demo: submitting ${caseId} answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
      created.add(caseId);
      await spec.drive(driver, caseId);
    }),
  );
  const rows = await db.select({ id: cases.id, program: cases.program, stage: cases.stage, status: cases.status }).from(cases).where(inArray(cases.id, ids));
  return DEMO_CASES.flatMap((spec, i) => {
    const row = rows.find((r) => r.id === ids[i]);
    if (!row) return [];
    // Demo durations are short: a case left alone moves on (a correction expires, a seat times out).
    const next = row.stage === spec.stage ? spec.next : `moved on since the demo left it in ${spec.stage}`;
    return [{ caseId: row.id, program: row.program, stage: row.stage, status: row.status, next, created: created.has(row.id) }];
  });
}
