CREATE TABLE "audit_seal" (
	"first_pos" bigint PRIMARY KEY NOT NULL,
	"seqs" bigint[] NOT NULL,
	"hashes" text[] NOT NULL,
	"prev_hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_seal_shape" CHECK (cardinality("audit_seal"."seqs") > 0 AND cardinality("audit_seal"."seqs") = cardinality("audit_seal"."hashes")
          AND array_ndims("audit_seal"."seqs") = 1 AND array_lower("audit_seal"."seqs", 1) = 1
          AND array_ndims("audit_seal"."hashes") = 1 AND array_lower("audit_seal"."hashes", 1) = 1
          AND array_position("audit_seal"."seqs", NULL) IS NULL AND array_position("audit_seal"."hashes", NULL) IS NULL)
);
--> statement-breakpoint
CREATE TABLE "audit_unsealed" (
	"seq" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "audit_log_unsealed_idx";--> statement-breakpoint
DROP INDEX "audit_log_chain_pos_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_pos_idx" ON "audit_log" USING btree ("chain_pos") WHERE "audit_log"."chain_pos" IS NOT NULL;--> statement-breakpoint
-- Decision 054: audit_log rows are never updated. A seal was an UPDATE of every row sealed: a new
-- version of the whole row, an entry in each of its indexes (never HOT: the seal changed indexed
-- columns), a trigger call per row, and dead versions left in a partial index that every later
-- seal walked until a vacuum. Now a run of the sealer writes one audit_seal row (the rows it seals,
-- in chain order, and their hashes), and the rows waiting for their seal are queued in
-- audit_unsealed. Rows sealed before keep their chain_pos and hashes: the chain runs through them,
-- then through the seals.
INSERT INTO audit_unsealed (seq) SELECT seq FROM audit_log WHERE chain_pos IS NULL;
--> statement-breakpoint
DROP TRIGGER audit_log_seal_advance_head ON audit_log;
--> statement-breakpoint
DROP FUNCTION audit_log_seal_advance_head();
--> statement-breakpoint
DROP TRIGGER audit_log_seal_only ON audit_log;
--> statement-breakpoint
DROP FUNCTION audit_log_seal_only();
--> statement-breakpoint
DROP TRIGGER audit_log_append_unsealed ON audit_log;
--> statement-breakpoint
DROP FUNCTION audit_log_append_unsealed();
--> statement-breakpoint
REVOKE UPDATE (chain_pos, prev_hash, hash) ON audit_log FROM maillon_audit_writer;
--> statement-breakpoint
-- No row is ever updated any more (DELETE and TRUNCATE were refused already).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Each INSERT statement, whatever its number of rows: the rows come unsealed (only a seal places
-- them in the chain), and each is queued for its seal. One call per statement, not per row.
CREATE FUNCTION audit_log_queue_appended() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM appended
              WHERE chain_pos IS NOT NULL OR prev_hash IS NOT NULL OR hash IS NOT NULL) THEN
    RAISE EXCEPTION 'audit_log rows are appended unsealed: only the sealer places them in the chain';
  END IF;
  INSERT INTO audit_unsealed (seq) SELECT seq FROM appended;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_queue_appended AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS appended
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_queue_appended();
--> statement-breakpoint
-- The queue changes only through the two triggers: an append queues, a seal takes off (checked
-- once per statement: a caseload's forty rows are queued by one statement).
CREATE FUNCTION audit_unsealed_refuse_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF pg_trigger_depth() > 1 AND TG_OP IN ('INSERT', 'DELETE') THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_unsealed changes only when audit rows are appended or sealed';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_unsealed_only_by_triggers BEFORE INSERT OR UPDATE OR DELETE ON audit_unsealed
  FOR EACH STATEMENT EXECUTE FUNCTION audit_unsealed_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_unsealed_no_truncate BEFORE TRUNCATE ON audit_unsealed
  FOR EACH STATEMENT EXECUTE FUNCTION audit_unsealed_refuse_change();
--> statement-breakpoint
-- A seal continues the chain from the head (its first position is the next one, its first row
-- links to the head's hash), takes rows waiting for their seal, each once, and moves the head to
-- its last row. Runs as the owner: the application may not move the head nor touch the queue.
CREATE FUNCTION audit_seal_continue_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head_pos bigint;
  head_hash text;
  sealed integer := cardinality(NEW.seqs);
  taken integer;
BEGIN
  SELECT h.last_pos, h.last_hash INTO head_pos, head_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  IF NEW.first_pos IS DISTINCT FROM head_pos + 1 OR NEW.prev_hash IS DISTINCT FROM head_hash THEN
    RAISE EXCEPTION 'sealed audit_log rows must continue the chain from its head (position %)', head_pos + 1;
  END IF;
  DELETE FROM audit_unsealed WHERE seq = ANY (NEW.seqs);
  GET DIAGNOSTICS taken = ROW_COUNT;
  IF taken IS DISTINCT FROM sealed THEN
    RAISE EXCEPTION 'a seal takes audit rows waiting for their seal, each once (% of the % named were waiting)', taken, sealed;
  END IF;
  NEW.sealed_at := now();
  UPDATE audit_head SET last_pos = NEW.first_pos + sealed - 1, last_hash = NEW.hashes[sealed] WHERE id = 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_seal_continue_chain BEFORE INSERT ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION audit_seal_continue_chain();
--> statement-breakpoint
CREATE FUNCTION audit_seal_refuse_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'audit_seal is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_seal_no_update_delete BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_refuse_change();
--> statement-breakpoint
-- The row at a chain position and its hash, wherever it was sealed (in place before decision 054,
-- by an audit_seal row since): for anchors checked by hand (audit.anchor.ts) and for the tests.
CREATE FUNCTION audit_chain_at(pos bigint) RETURNS TABLE (seq bigint, hash text)
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT a.seq, a.hash FROM audit_log a WHERE a.chain_pos = pos
  UNION ALL
  SELECT s.seqs[pos - s.first_pos + 1], s.hashes[pos - s.first_pos + 1]
    FROM (SELECT * FROM audit_seal WHERE first_pos <= pos ORDER BY first_pos DESC LIMIT 1) s
   WHERE pos - s.first_pos < cardinality(s.seqs)
$$;
--> statement-breakpoint
ALTER TABLE audit_unsealed OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER TABLE audit_seal OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_log_queue_appended() OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_unsealed_refuse_change() OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_seal_continue_chain() OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_seal_refuse_change() OWNER TO maillon_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_chain_at(bigint) OWNER TO maillon_audit_owner;
--> statement-breakpoint
-- As for audit_log (migration 0013): whatever the migrating login's default privileges granted on
-- the new tables is taken back; the writer reads the queue, reads and appends seals.
DO $$
DECLARE
  grantee text;
BEGIN
  FOR grantee IN
    SELECT DISTINCT a.grantee::regrole::text
      FROM pg_class c, aclexplode(c.relacl) a
     WHERE c.oid IN ('audit_unsealed'::regclass, 'audit_seal'::regclass)
       AND a.grantee <> 0 AND a.grantee <> c.relowner
  LOOP
    EXECUTE format('REVOKE ALL ON audit_unsealed, audit_seal FROM %s', grantee);
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON audit_unsealed, audit_seal FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_log_queue_appended(), audit_unsealed_refuse_change(), audit_seal_continue_chain(), audit_seal_refuse_change(), audit_chain_at(bigint) FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT ON audit_unsealed TO maillon_audit_writer;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_seal TO maillon_audit_writer;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_chain_at(bigint) TO maillon_audit_writer;
