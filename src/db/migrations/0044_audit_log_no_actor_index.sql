-- Decision 047: no read filters audit rows on their actor (a person's trail reads
-- audit_log_person_idx; the verifier walks chain positions; the sealer the unsealed rows), yet every
-- audited row wrote an entry into this index twice: when appended and again when sealed (the seal's
-- UPDATE cannot be HOT). Dropping it cuts an audited row's WAL by about 15 %.
DROP INDEX IF EXISTS "audit_log_actor_idx";
