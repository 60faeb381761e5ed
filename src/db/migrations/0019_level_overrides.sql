CREATE TABLE "integration_level_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"level" text,
	"justification" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_level_overrides_level_check" CHECK ("integration_level_overrides"."level" is null or "integration_level_overrides"."level" in ('liaison', 'coordination', 'integration')),
	CONSTRAINT "integration_level_overrides_justification_check" CHECK (char_length("integration_level_overrides"."justification") >= 10)
);
--> statement-breakpoint
ALTER TABLE "integration_level_overrides" ADD CONSTRAINT "integration_level_overrides_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_level_overrides" ADD CONSTRAINT "integration_level_overrides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_level_overrides_person_idx" ON "integration_level_overrides" USING btree ("person_id","created_at");