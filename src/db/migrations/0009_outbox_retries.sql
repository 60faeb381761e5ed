ALTER TABLE "outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "gave_up_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("created_at") WHERE "outbox"."sent_at" is null and "outbox"."gave_up_at" is null;--> statement-breakpoint
-- mails that failed before retries existed were never tried again: count that failure, retry them
UPDATE "outbox" SET "attempts" = 1 WHERE "error" IS NOT NULL AND "sent_at" IS NULL;
