ALTER TABLE "members" ADD COLUMN "accepting" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "accepting_conditions" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "accepting_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "accepting_confirmed_by" uuid;