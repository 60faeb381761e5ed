-- Decision 056: a read of a list of people writes ONE audit row, each person's decision in
-- details.listed. A person's trail finds those rows by the ids listed: this index, partial so that
-- the other rows (every single read and change) pay nothing for it.
CREATE INDEX "audit_log_listed_idx" ON "audit_log" USING gin (jsonb_path_query_array("details", '$.listed[*].personId') jsonb_path_ops) WHERE "audit_log"."details" ? 'listed';