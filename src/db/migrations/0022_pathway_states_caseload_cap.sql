CREATE TABLE "caseload_caps" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"cap" integer NOT NULL,
	"set_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathway_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"from_member_id" uuid,
	"to_member_id" uuid,
	"reason" text,
	"expected_end" date,
	"close_reason" text,
	"level" text,
	"forced" boolean DEFAULT false NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pathways" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "pathways" ADD COLUMN "state_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "pathways" ADD COLUMN "state_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "pathways" ADD COLUMN "state_reason" text;--> statement-breakpoint
ALTER TABLE "pathways" ADD COLUMN "expected_end" date;--> statement-breakpoint
ALTER TABLE "pathways" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "pathways" ADD COLUMN "level" text;--> statement-breakpoint
ALTER TABLE "pathways" ADD COLUMN "referent_member_id" uuid;--> statement-breakpoint
ALTER TABLE "caseload_caps" ADD CONSTRAINT "caseload_caps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caseload_caps" ADD CONSTRAINT "caseload_caps_set_by_user_id_users_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_history" ADD CONSTRAINT "pathway_history_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_history" ADD CONSTRAINT "pathway_history_from_member_id_members_id_fk" FOREIGN KEY ("from_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_history" ADD CONSTRAINT "pathway_history_to_member_id_members_id_fk" FOREIGN KEY ("to_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_history" ADD CONSTRAINT "pathway_history_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pathway_history_person_at_idx" ON "pathway_history" USING btree ("person_id","at");--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_state_by_user_id_users_id_fk" FOREIGN KEY ("state_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_referent_member_id_members_id_fk" FOREIGN KEY ("referent_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pathways_state_idx" ON "pathways" USING btree ("state");--> statement-breakpoint
UPDATE "pathways" SET "state_since" = "opened_at";
