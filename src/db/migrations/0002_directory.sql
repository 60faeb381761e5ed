CREATE TABLE "directory_cards" (
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"subtitle" text,
	"match_fields" jsonb NOT NULL,
	CONSTRAINT "directory_cards_entity_type_entity_id_pk" PRIMARY KEY("entity_type","entity_id")
);
--> statement-breakpoint
CREATE TABLE "directory_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_index" (
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"title" text NOT NULL,
	"search_text" text NOT NULL,
	"title_text" text NOT NULL,
	"profession" text,
	"organisation_type" text,
	"care_streams" text[] DEFAULT '{}'::text[] NOT NULL,
	"communes" text[] DEFAULT '{}'::text[] NOT NULL,
	"accepting" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"channel_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"verified_at" timestamp with time zone,
	CONSTRAINT "directory_index_entity_type_entity_id_pk" PRIMARY KEY("entity_type","entity_id")
);
--> statement-breakpoint
CREATE TABLE "directory_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"missions" text,
	"limits" text,
	"eligibility" text,
	"care_streams" text[] DEFAULT '{}'::text[] NOT NULL,
	"communes_served" text[] DEFAULT '{}'::text[] NOT NULL,
	"waiting_time" text,
	"accepting" text DEFAULT 'yes' NOT NULL,
	"accepting_conditions" text,
	"hours" text,
	"cost_notes" text,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"good_to_know" text,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member_organisations" ADD COLUMN "can_edit_services" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "specialty" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "rpps" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "adeli" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "gln" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "languages" text[] DEFAULT '{fr}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "channels" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "good_to_know" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "verified_by" uuid;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "opening_hours" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "channels" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "good_to_know" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "verified_by" uuid;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_history_entity_idx" ON "directory_history" USING btree ("entity_type","entity_id","version");--> statement-breakpoint
CREATE INDEX "directory_index_trgm_idx" ON "directory_index" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_index_streams_idx" ON "directory_index" USING gin ("care_streams");--> statement-breakpoint
CREATE INDEX "directory_index_communes_idx" ON "directory_index" USING gin ("communes");--> statement-breakpoint
CREATE INDEX "directory_index_languages_idx" ON "directory_index" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "directory_index_channels_idx" ON "directory_index" USING gin ("channel_kinds");--> statement-breakpoint
CREATE INDEX "directory_index_profession_idx" ON "directory_index" USING btree ("profession");--> statement-breakpoint
CREATE INDEX "directory_index_org_type_idx" ON "directory_index" USING btree ("organisation_type");--> statement-breakpoint
CREATE INDEX "directory_words_trgm_idx" ON "directory_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "services_org_idx" ON "services" USING btree ("organisation_id");