CREATE TABLE "person_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"relation" text,
	"phone" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "commune_insee" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "birth_name" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "first_names" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "birth_place_insee" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "birth_place_name" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "birth_country" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "preferred_language" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "ins_matricule" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "ins_oid" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "identity_status" text DEFAULT 'provisoire' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "identity_document" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "gp_member_id" uuid;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "merged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "person_contacts" ADD CONSTRAINT "person_contacts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_contacts_person_idx" ON "person_contacts" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_gp_member_id_members_id_fk" FOREIGN KEY ("gp_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_merged_into_id_persons_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "persons_birth_date_idx" ON "persons" USING btree ("birth_date");