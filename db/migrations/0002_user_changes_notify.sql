-- The API remembers each user's standing (active, role, enterprise) between requests
-- and forgets it when told: every change to a user is announced on the channel
-- user_changed with the user's id ('*' when the table is truncated).
CREATE OR REPLACE FUNCTION users_announce_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('user_changed', '*');
  ELSE
    PERFORM pg_notify('user_changed', OLD.id);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_announce_change
  AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION users_announce_change();
--> statement-breakpoint
CREATE TRIGGER users_announce_truncate
  AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION users_announce_change();
