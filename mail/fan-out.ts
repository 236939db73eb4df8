// Turns new notifications into deliveries: one row per person who should get it by
// e-mail (an active user with an address), under the unique key notification:user, so
// a fan-out repeated after a crash adds nothing. Every notification is looked at once:
// those written while SMTP was off are marked passed over, not queued for later.
import { and, asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { recipientOf } from '../db/notification-audience.js';
import { mailDeliveries, notifications, users } from '../db/schema.js';
import { readMailSettings } from './settings.js';

/** The part of a Message-ID after the @: the office's own domain, from its sender address. */
export const messageIdDomain = (fromAddress: string): string => fromAddress.split('@').at(-1)?.toLowerCase() || 'localhost';

/** Handles up to `batch` notifications not yet looked at; answers how many it looked at. */
export async function fanOut(db: Database, batch = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: notifications.id, createdAt: notifications.createdAt })
      .from(notifications)
      .where(isNull(notifications.mailFannedOutAt))
      .orderBy(asc(notifications.id))
      .limit(batch)
      .for('update', { skipLocked: true });
    if (waiting.length === 0) return 0;
    const settings = await readMailSettings(tx);
    const since = settings?.enabled ? settings.enabledAt : null;
    const mailable = since ? waiting.filter((n) => n.createdAt >= since).map((n) => n.id) : [];
    if (mailable.length > 0 && settings) {
      // The Message-ID is fixed here, once: a resend after a crash carries the same one.
      const domain = messageIdDomain(settings.fromAddress);
      await tx.execute(sql`
        insert into ${mailDeliveries} (delivery_key, notification_id, user_id, to_address, message_id)
        select ${notifications.id} || ':' || ${users.id}, ${notifications.id}, ${users.id}, ${users.email},
               '<' || md5(${notifications.id} || ':' || ${users.id}) || '.n' || ${notifications.id} || '@' || ${domain} || '>'
        from ${notifications} join ${users} on ${recipientOf}
        where ${and(inArray(notifications.id, mailable), sql`${users.active}`, sql`${users.email} is not null`)}
        on conflict (delivery_key) do nothing`);
    }
    await tx
      .update(notifications)
      .set({ mailFannedOutAt: sql`now()` })
      .where(
        inArray(
          notifications.id,
          waiting.map((n) => n.id),
        ),
      );
    return waiting.length;
  });
}
