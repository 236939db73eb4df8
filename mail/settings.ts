// The office's SMTP settings as the sender and the API read them (one row, id 1).
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { mailSettings } from '../db/schema.js';

export type MailSettingsRow = typeof mailSettings.$inferSelect;
export const MAIL_SETTINGS_ID = 1;

export async function readMailSettings(db: Pick<Database, 'select'>): Promise<MailSettingsRow | undefined> {
  const [row] = await db.select().from(mailSettings).where(eq(mailSettings.id, MAIL_SETTINGS_ID)).limit(1);
  return row;
}
