// Inbox filters a person saved under a name.
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { savedViews } from '../../db/schema.js';

export type SavedViewRow = typeof savedViews.$inferSelect;

export async function listSavedViews(db: Database, userId: string): Promise<SavedViewRow[]> {
  return db.select().from(savedViews).where(eq(savedViews.userId, userId)).orderBy(asc(savedViews.name));
}

/** Saves the view under its name, replacing the user's view of the same name. */
export async function saveView(db: Database, userId: string, name: string, filters: object): Promise<SavedViewRow> {
  const [row] = await db
    .insert(savedViews)
    .values({ userId, name, filters })
    .onConflictDoUpdate({ target: [savedViews.userId, savedViews.name], set: { filters } })
    .returning();
  if (!row) throw new Error('saving a view returned no row');
  return row;
}

export async function deleteSavedView(db: Database, userId: string, id: number): Promise<boolean> {
  const deleted = await db.delete(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.userId, userId))).returning({ id: savedViews.id });
  return deleted.length === 1;
}
