ALTER TABLE "persons" ADD COLUMN "advance_directives" boolean;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "advance_directives_where" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "palliative_care" boolean;