ALTER TABLE "directory_index" ADD COLUMN "search_words" "tsvector" GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array("directory_index"."search_text", ' '), ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_index" ADD COLUMN "title_words" "tsvector" GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array("directory_index"."title_text", ' '), ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "directory_index_words_idx" ON "directory_index" USING gin ("search_words");--> statement-breakpoint
CREATE INDEX "directory_index_title_words_idx" ON "directory_index" USING gin ("title_words");--> statement-breakpoint
CREATE INDEX "directory_index_title_idx" ON "directory_index" USING btree ("title","entity_id");