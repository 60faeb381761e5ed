ALTER TABLE "outbox" ADD COLUMN "link" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "invitation_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
