// Queries the API runs on every request are built and prepared once per database
// (building SQL in drizzle cost more CPU than running it: scripts/bench/README.md).
import type { Database } from '../../db/client.js';

/** Builds what `build` makes the first time a database asks for it, then reuses it. */
export function oncePerDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let made = built.get(db);
    if (!made) built.set(db, (made = build(db)));
    return made;
  };
}
