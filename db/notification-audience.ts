// Who a notification reaches, said once from each side: the feed asks "what may this
// person see" (audienceOf), the mail sender asks "who should get this" (recipientOf);
// the two must agree (test/integration/api/notifications.test.ts checks they do).
//
// An applicant: what was addressed to applicants about its own enterprise's cases,
// whatever recipient_user holds (closings carry the enterprise there). An expert or an
// admin: what names them. Other staff: what names them, and their role's pool (the
// role addressed without a person).
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Actor } from '../domain/vocabulary.js';
import { Role } from '../domain/vocabulary.js';
import { cases, notifications, users } from './schema.js';

const toApplicants = eq(notifications.recipientRole, Role.Applicant);
const notToApplicants = sql`${notifications.recipientRole} is distinct from ${Role.Applicant}`;

export function audienceOf(reader: Actor): SQL {
  if (reader.role === Role.Applicant) {
    return and(toApplicants, sql`${notifications.caseId} in (select ${cases.id} from ${cases} where ${cases.enterpriseId} = ${reader.enterpriseId ?? ''})`) as SQL;
  }
  const named = and(notToApplicants, eq(notifications.recipientUser, reader.userId)) as SQL;
  if (reader.role === Role.Expert || reader.role === Role.Admin) return named;
  return or(named, and(notToApplicants, isNull(notifications.recipientUser), eq(notifications.recipientRole, reader.role))) as SQL;
}

/** The same rule as a join condition between `notifications` and `users`. */
export const recipientOf: SQL = sql`(
  (${toApplicants} and ${users.role} = ${Role.Applicant}
    and ${users.enterpriseId} = (select ${cases.enterpriseId} from ${cases} where ${cases.id} = ${notifications.caseId}))
  or (${notToApplicants} and ${users.role} <> ${Role.Applicant} and ${notifications.recipientUser} = ${users.id})
  or (${notToApplicants} and ${notifications.recipientUser} is null and ${notifications.recipientRole} = ${users.role}
    and ${users.role} not in (${Role.Applicant}, ${Role.Expert}, ${Role.Admin}))
)`;
