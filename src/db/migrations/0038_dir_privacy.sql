ALTER TABLE "directory_index" ADD COLUMN "public_text" text;--> statement-breakpoint
ALTER TABLE "directory_index" ADD COLUMN "public_channel_kinds" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_index" ADD COLUMN "public_words" "tsvector" GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(coalesce("directory_index"."public_text", ''), ' '), ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "phone_visibility" text DEFAULT 'network' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "email_visibility" text DEFAULT 'network' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "identifiers_visibility" text DEFAULT 'network' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "phone_visibility" text DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "email_visibility" text DEFAULT 'public' NOT NULL;--> statement-breakpoint
CREATE INDEX "directory_index_public_words_idx" ON "directory_index" USING gin ("public_words") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "directory_index_public_trgm_idx" ON "directory_index" USING gin ("public_text" gin_trgm_ops) WITH (fastupdate=false);