CREATE TABLE "referral_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"service_id" uuid,
	"member_id" uuid,
	"state" text DEFAULT 'pending' NOT NULL,
	"first_date" date,
	"decline_reason" text,
	"info_question" text,
	"info_answer" text,
	"info_requested_at" timestamp with time zone,
	"info_answered_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answered_by_user_id" uuid,
	"answered_by_member_id" uuid,
	"filled_at" timestamp with time zone,
	CONSTRAINT "referral_recipients_one_target" CHECK (("referral_recipients"."service_id" is null) <> ("referral_recipients"."member_id" is null))
);
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "service_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "state" SET DEFAULT 'sent';--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "urgency" text DEFAULT 'within_7d' NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "documents" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "filled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "closed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "referral_recipients" ADD CONSTRAINT "referral_recipients_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_recipients" ADD CONSTRAINT "referral_recipients_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_recipients" ADD CONSTRAINT "referral_recipients_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_recipients" ADD CONSTRAINT "referral_recipients_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_recipients" ADD CONSTRAINT "referral_recipients_answered_by_member_id_members_id_fk" FOREIGN KEY ("answered_by_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_recipients_referral_idx" ON "referral_recipients" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referral_recipients_service_idx" ON "referral_recipients" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "referral_recipients_member_idx" ON "referral_recipients" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_recipients_service_key" ON "referral_recipients" USING btree ("referral_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_recipients_member_key" ON "referral_recipients" USING btree ("referral_id","member_id");--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_open_idx" ON "referrals" USING btree ("created_at") WHERE "referrals"."state" = 'sent';--> statement-breakpoint
UPDATE "referrals" SET "state" = CASE WHEN "state" = 'followed_up' THEN 'completed' ELSE 'sent' END, "reason" = coalesce("note", '') WHERE "state" IN ('to_follow_up', 'followed_up');--> statement-breakpoint
INSERT INTO "referral_recipients" ("referral_id", "service_id") SELECT "id", "service_id" FROM "referrals" WHERE "service_id" IS NOT NULL;
