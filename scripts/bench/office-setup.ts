// What the lifecycle benchmark and the fault soak share: the A6 application, the
// people of an office seeded with tokens, this year's and the next two years' annual
// notices (reporting windows open now, so later support years need not wait for the
// calendar), and the scripted office started over the API.
import { sql } from 'drizzle-orm';
import { districtDate } from '../../api/app-context.js';
import type { createTokenService } from '../../api/auth.js';
import type { Database } from '../../db/client.js';
import { annualNotices, enterprises, users } from '../../db/schema.js';
import { policyVersionInForce, programDefinition } from '../../rules/index.js';
import type { Actor, Role } from '../../workflows/subsidy-case/messages.js';
import { actionsFor, Office } from './actors.js';
import type { Person, Transport } from './actors.js';
import { sleep } from './lib.js';

export const PROGRAM = 'A6-PLATFORM';
export const A6_FACTS = { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 };
const EVIDENCE = ['business-licence', 'recognition-or-relocation-document', 'lease-contract', 'rent-invoices', 'area-certificate', 'operating-cost-ledger'].map((kind) => ({ kind, reference: `${kind}-1` }));

/** The body of an A6 application as an applicant submits it. */
export const a6Application = (applicationId: string) => ({ applicationId, program: PROGRAM, qualifications: ['platform-national'], facts: A6_FACTS, evidence: EVIDENCE });

export interface People {
  officers: Person[];
  committee: Person[];
  finance: Person[];
  experts: Person[];
  /** One per enterprise: `applicants[i]` submits case i. */
  applicants: Person[];
}

/**
 * Notices, enterprises and people (user ids `<prefix>-<role>-<n>`), each person with a
 * token for a day. `enterprises` applicants are made, one enterprise each.
 */
export async function seedOffice(
  db: Database,
  tokens: ReturnType<typeof createTokenService>,
  options: { prefix: string; enterprises: number; experts: number; settings: Record<string, unknown> },
): Promise<People> {
  const year = Number(districtDate(new Date()).slice(0, 4));
  await db
    .insert(annualNotices)
    .values(
      [0, 1, 2].map((k) => ({
        year: year + k,
        applicationOpensOn: `${year + k}-01-01`,
        applicationClosesOn: `${year + k}-12-31`,
        reportingOpensOn: `${year}-01-01`,
        reportingClosesOn: `${year + 3}-12-31`,
        programs: { [PROGRAM]: { budgetFen: 1_000_000_000_000_000 } },
        settings: options.settings,
        createdBy: options.prefix,
      })),
    )
    .onConflictDoNothing();
  const person = async (actor: Actor): Promise<Person> => ({ actor, token: await tokens.issue(actor, 24 * 3600) });
  const staff = (role: Role, n: number) => Array.from({ length: n }, (_, i) => ({ userId: `${options.prefix}-${role}-${i + 1}`, role }));
  const roles = { officers: staff('officer', 3), committee: staff('committee', 2), finance: staff('finance', 2), experts: staff('expert', options.experts) };
  const enterpriseIds = Array.from({ length: options.enterprises }, (_, i) => `${options.prefix}-ent-${i + 1}`);
  await db.insert(enterprises).values(enterpriseIds.map((id) => ({ id, name: `平台企业 ${id}`, organisation: `${id}-group` }))).onConflictDoNothing();
  const applicants = enterpriseIds.map((enterpriseId) => ({ userId: applicantOf(enterpriseId), role: 'applicant' as const, enterpriseId }));
  await db
    .insert(users)
    .values([
      ...Object.values(roles)
        .flat()
        .map((a) => ({ id: a.userId, name: a.userId, role: a.role, ...(a.role === 'expert' && { organisation: `${a.userId}-institute`, specialties: ['platform'] }) })),
      ...applicants.map((a) => ({ id: a.userId, name: a.userId, role: a.role, enterpriseId: a.enterpriseId })),
    ])
    .onConflictDoNothing();
  const all = async (actors: Actor[]) => Promise.all(actors.map(person));
  return { officers: await all(roles.officers), committee: await all(roles.committee), finance: await all(roles.finance), experts: await all(roles.experts), applicants: await all(applicants) };
}

const applicantOf = (enterpriseId: string) => `applicant-of-${enterpriseId}`;

/**
 * Scripted people over the API; applicants woken when a task of theirs opens (a
 * query on the read model standing in for the office's SMS; it tries again when the
 * database is away).
 */
export function startOffice(
  apiUrl: string,
  db: Database,
  people: People,
  options: { transport?: Transport; retryTaskAfterMs?: number; onError: (message: string) => void },
): { office: Office; stop: () => Promise<void> } {
  const criteria = programDefinition(policyVersionInForce(districtDate(new Date())).id, PROGRAM).criteria;
  const office = new Office(apiUrl, actionsFor(criteria), {
    perPersonConcurrency: 16,
    idlePollMs: 50,
    onError: options.onError,
    ...(options.transport && { transport: options.transport }),
    ...(options.retryTaskAfterMs !== undefined && { retryTaskAfterMs: options.retryTaskAfterMs }),
  });
  for (const group of [people.officers, people.committee, people.finance]) group.forEach((p, index) => office.poll(p, { index, of: group.length }));
  for (const expert of people.experts) office.poll(expert);
  for (const applicant of people.applicants) office.onNotice(applicant);
  let notifying = true;
  const notifier = (async () => {
    while (notifying) {
      try {
        const rows = await db.execute<{ enterprise_id: string }>(
          sql`select distinct c.enterprise_id from tasks t join cases c on c.id = t.case_id where t.status = 'open' and t.role = 'applicant'`,
        );
        for (const row of rows as unknown as { enterprise_id: string }[]) office.notify(applicantOf(row.enterprise_id));
      } catch (error) {
        options.onError(`notifier: ${String(error)}`);
        await sleep(1000);
      }
      await sleep(200);
    }
  })();
  return {
    office,
    stop: async () => {
      notifying = false;
      await notifier;
      await office.stop();
    },
  };
}
