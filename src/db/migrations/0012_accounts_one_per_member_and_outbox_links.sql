ALTER TABLE "outbox" ADD COLUMN "link" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "invitation_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Two accounts bound to one directory member or one person are what finding 1 of issue 10 let
-- staff create (a takeover): stop with the list, for a person to look at, instead of a bare
-- unique-index error. Keep the rows (they are evidence); disable the extra accounts, then upgrade.
DO $$
DECLARE
  duplicates text;
BEGIN
  SELECT string_agg(format('%s %s: accounts %s', kind, target, accounts), '; ')
  INTO duplicates
  FROM (
    SELECT 'member' AS kind, member_id::text AS target, string_agg(email, ', ') AS accounts
    FROM users WHERE member_id IS NOT NULL GROUP BY member_id HAVING count(*) > 1
    UNION ALL
    SELECT 'person', person_id::text, string_agg(email, ', ')
    FROM users WHERE person_id IS NOT NULL GROUP BY person_id HAVING count(*) > 1
  ) AS repeated;
  IF duplicates IS NOT NULL THEN
    RAISE EXCEPTION 'Maillon upgrade stopped: several accounts are bound to one member or person (%). Check them with network staff: keep one, set users.member_id / users.person_id to NULL on the others (or delete accounts that were never used), then start again.', duplicates;
  END IF;
END $$;--> statement-breakpoint
CREATE UNIQUE INDEX "users_member_key" ON "users" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_person_key" ON "users" USING btree ("person_id");--> statement-breakpoint
-- Mails queued before this migration hold their one-time link in the body, which admins read:
-- move the link out of the body (kept only while the mail is still to be sent).
UPDATE "outbox"
SET "link" = CASE WHEN "sent_at" IS NULL
      THEN substring("body" from '(https?://[^[:space:]]+/(?:invitation|password-reset)/[A-Za-z0-9_-]+)')
    END,
    "body" = regexp_replace("body", 'https?://[^[:space:]]+/(?:invitation|password-reset)/[A-Za-z0-9_-]+', '{{link}}', 'g')
WHERE "body" ~ 'https?://[^[:space:]]+/(?:invitation|password-reset)/[A-Za-z0-9_-]+';
