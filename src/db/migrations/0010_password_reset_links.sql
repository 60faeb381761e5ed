CREATE TYPE "public"."link_purpose" AS ENUM('invitation', 'password_reset');--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "purpose" "link_purpose" DEFAULT 'invitation' NOT NULL;