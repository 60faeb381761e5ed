CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid,
	"kind" text NOT NULL,
	"owner_user_id" uuid,
	"source_table" text NOT NULL,
	"source_id" text NOT NULL,
	"episode" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"state" text DEFAULT 'open' NOT NULL,
	"data" jsonb NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_user_id" uuid,
	"acknowledge_note" text,
	"resolved_at" timestamp with time zone,
	"resolved_by_user_id" uuid,
	"resolve_note" text,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hospital_stays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"facility_organisation_id" uuid,
	"facility_name" text,
	"admitted_at" timestamp with time zone NOT NULL,
	"admission_planned" boolean NOT NULL,
	"reason" text,
	"admitted_by_user_id" uuid,
	"discharged_at" timestamp with time zone,
	"discharge_destination" text,
	"discharge_planned" boolean,
	"discharged_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_user_id_users_id_fk" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stays" ADD CONSTRAINT "hospital_stays_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stays" ADD CONSTRAINT "hospital_stays_facility_organisation_id_organisations_id_fk" FOREIGN KEY ("facility_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stays" ADD CONSTRAINT "hospital_stays_admitted_by_user_id_users_id_fk" FOREIGN KEY ("admitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stays" ADD CONSTRAINT "hospital_stays_discharged_by_user_id_users_id_fk" FOREIGN KEY ("discharged_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_standing_key" ON "alerts" USING btree ("kind","source_table","source_id") WHERE "alerts"."state" in ('open', 'acknowledged');--> statement-breakpoint
CREATE INDEX "alerts_source_episode_idx" ON "alerts" USING btree ("kind","source_table","source_id","episode");--> statement-breakpoint
CREATE INDEX "alerts_owner_state_idx" ON "alerts" USING btree ("owner_user_id","state");--> statement-breakpoint
CREATE INDEX "alerts_person_state_idx" ON "alerts" USING btree ("person_id","state");--> statement-breakpoint
CREATE INDEX "hospital_stays_person_idx" ON "hospital_stays" USING btree ("person_id","admitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hospital_stays_open_key" ON "hospital_stays" USING btree ("person_id") WHERE "hospital_stays"."discharged_at" is null;