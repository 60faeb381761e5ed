CREATE TABLE "person_levels" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"level" text,
	"at" timestamp with time zone NOT NULL,
	"event_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person_levels" ADD CONSTRAINT "person_levels_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each person's level in force (their latest level event by (at, id)), kept by the database
-- (decision 026). A new level event takes the row only if it is later than the one there: the
-- upsert keeps the maximum, so concurrent appends for one person leave the latest whatever the
-- order they commit in. A moved or deleted level event (a person merge moves the timeline)
-- recomputes the people it concerns from their events.
CREATE FUNCTION person_levels_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_levels AS pl (person_id, level, at, event_id)
  VALUES (NEW.person_id, COALESCE(NEW.data->>'level', NEW.data->>'computedLevel'), NEW.at, NEW.id)
  ON CONFLICT (person_id) DO UPDATE
    SET level = EXCLUDED.level, at = EXCLUDED.at, event_id = EXCLUDED.event_id
    WHERE (pl.at, pl.event_id) < (EXCLUDED.at, EXCLUDED.event_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION person_levels_recompute(pid uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_levels WHERE person_id = pid;
  INSERT INTO person_levels (person_id, level, at, event_id)
  SELECT e.person_id, COALESCE(e.data->>'level', e.data->>'computedLevel'), e.at, e.id
    FROM pathway_events e
   WHERE e.person_id = pid
     AND e.kind IN ('level.computed', 'level.overridden', 'level.override_removed')
   ORDER BY e.at DESC, e.id DESC
   LIMIT 1;
END $$;
--> statement-breakpoint
CREATE FUNCTION person_levels_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.person_id IS NOT NULL THEN
    PERFORM person_levels_recompute(OLD.person_id);
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.person_id IS NOT NULL
     AND NEW.person_id IS DISTINCT FROM OLD.person_id THEN
    PERFORM person_levels_recompute(NEW.person_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER person_levels_insert AFTER INSERT ON pathway_events FOR EACH ROW
  WHEN (NEW.person_id IS NOT NULL
        AND NEW.kind IN ('level.computed', 'level.overridden', 'level.override_removed'))
  EXECUTE FUNCTION person_levels_on_insert();
--> statement-breakpoint
CREATE TRIGGER person_levels_update AFTER UPDATE ON pathway_events FOR EACH ROW
  WHEN (OLD.kind IN ('level.computed', 'level.overridden', 'level.override_removed')
        OR NEW.kind IN ('level.computed', 'level.overridden', 'level.override_removed'))
  EXECUTE FUNCTION person_levels_on_change();
--> statement-breakpoint
CREATE TRIGGER person_levels_delete AFTER DELETE ON pathway_events FOR EACH ROW
  WHEN (OLD.kind IN ('level.computed', 'level.overridden', 'level.override_removed'))
  EXECUTE FUNCTION person_levels_on_change();
--> statement-breakpoint
INSERT INTO person_levels (person_id, level, at, event_id)
SELECT DISTINCT ON (e.person_id)
       e.person_id, COALESCE(e.data->>'level', e.data->>'computedLevel'), e.at, e.id
  FROM pathway_events e
 WHERE e.person_id IS NOT NULL
   AND e.kind IN ('level.computed', 'level.overridden', 'level.override_removed')
 ORDER BY e.person_id, e.at DESC, e.id DESC;
