-- The application's database login must not be able to rewrite its own audit trail. The audit
-- tables and their triggers belong to a role nobody logs in as; the application only reads and
-- appends (through maillon_audit_writer, which the DBA grants to its login: see README), and the
-- head moves only with the rows appended, inside the INSERT itself.
-- Roles belong to the whole cluster: created once, by whichever database migrates first; another
-- database migrating at the same moment gets unique_violation, and a login that may not create
-- roles goes on when the DBA created them beforehand.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['maillon_audit_owner', 'maillon_audit_writer'] LOOP
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
          RAISE EXCEPTION 'role % is missing and this login may not create it: a DBA creates it (see README, PostgreSQL roles)', role_name;
        END IF;
    END;
  END LOOP;
END $$;
--> statement-breakpoint
-- The owner of a table needs CREATE on its schema.
DO $$
BEGIN
  EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO maillon_audit_owner', current_schema());
END $$;
--> statement-breakpoint
-- Appends lock the head through this function: FOR UPDATE needs the UPDATE right, which the
-- application no longer has on audit_head. Returns the head the next rows must continue.
CREATE FUNCTION audit_head_lock() RETURNS TABLE (last_seq bigint, last_hash text)
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT h.last_seq, h.last_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE
$$;
--> statement-breakpoint
-- After each INSERT on audit_log: the new rows must continue the chain from the head (contiguous
-- sequence, each prev_hash the hash before it), and the head moves to the last of them. Runs as
-- the owner, so the application needs no right on audit_head but SELECT and cannot move it back.
CREATE FUNCTION audit_log_advance_head() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  broken bigint;
  new_seq bigint;
  new_hash text;
BEGIN
  SELECT h.last_seq, h.last_hash INTO head_seq, head_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  SELECT count(*) INTO broken
    FROM (
      SELECT r.seq, r.prev_hash,
             lag(r.hash, 1, head_hash) OVER (ORDER BY r.seq) AS linked,
             row_number() OVER (ORDER BY r.seq) AS n
        FROM inserted r
    ) c
   WHERE c.seq <> head_seq + c.n OR c.prev_hash <> c.linked;
  IF broken > 0 THEN
    RAISE EXCEPTION 'audit_log rows must continue the chain from its head (row %)', head_seq + 1;
  END IF;
  SELECT r.seq, r.hash INTO new_seq, new_hash FROM inserted r ORDER BY r.seq DESC LIMIT 1;
  IF new_seq IS NOT NULL THEN
    UPDATE audit_head SET last_seq = new_seq, last_hash = new_hash WHERE id = 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_advance_head AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_advance_head();
--> statement-breakpoint
-- audit_head is only written by the trigger above (an update from inside a trigger): refuse
-- anything else there too.
CREATE FUNCTION audit_head_refuse_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_head moves only with the rows appended to audit_log';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_head_only_by_append BEFORE INSERT OR UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_refuse_change();
--> statement-breakpoint
ALTER TABLE audit_log OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER TABLE audit_head OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_log_refuse_change() OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_log_advance_head() OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_head_lock() OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_head_refuse_change() OWNER TO maillon_audit_owner;
--> statement-breakpoint
-- Whatever was granted before (default privileges of the migrating login included) is taken back:
-- the writer role reads and appends, nothing else; the functions are not for the public.
DO $$
DECLARE
  grantee text;
BEGIN
  FOR grantee IN
    SELECT DISTINCT a.grantee::regrole::text
      FROM pg_class c, aclexplode(c.relacl) a
     WHERE c.oid IN ('audit_log'::regclass, 'audit_head'::regclass)
       AND a.grantee <> 0 AND a.grantee <> c.relowner
  LOOP
    EXECUTE format('REVOKE ALL ON audit_log, audit_head FROM %s', grantee);
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON audit_log, audit_head FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_head_lock(), audit_log_advance_head(), audit_log_refuse_change(), audit_head_refuse_change() FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO maillon_audit_writer;
--> statement-breakpoint
GRANT SELECT ON audit_head TO maillon_audit_writer;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_head_lock() TO maillon_audit_writer;
