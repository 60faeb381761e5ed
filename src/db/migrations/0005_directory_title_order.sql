DROP INDEX "directory_index_title_idx";--> statement-breakpoint
CREATE INDEX "directory_index_title_order_idx" ON "directory_index" USING btree ("title_text","entity_id");