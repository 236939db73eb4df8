// Demo data for the main job: people of every role, enterprises (one in the same
// group as an expert, to show conflict exclusion), experts with organisations and
// specialties, and this year's annual notice with short durations so a newcomer sees
// tasks fall due, reminders and escalations within minutes. Idempotent.
import type { Database } from '../db/client.js';
import { annualNotices, enterprises, users } from '../db/schema.js';
import { PROGRAM_CODES } from '../rules/index.js';
import type { Actor, Role } from '../workflows/subsidy-case/messages.js';

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
  noticePeriod: '2 minutes',
  panelSize: 3,
  paymentAttempts: 3,
};

export async function seedDemoData(db: Database, year: number): Promise<DemoUser[]> {
  await db.insert(enterprises).values(DEMO_ENTERPRISES).onConflictDoNothing();
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
      })),
    )
    .onConflictDoNothing();
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
