DROP INDEX "directory_index_trgm_idx";--> statement-breakpoint
DROP INDEX "directory_index_words_idx";--> statement-breakpoint
DROP INDEX "directory_index_title_words_idx";--> statement-breakpoint
DROP INDEX "directory_index_streams_idx";--> statement-breakpoint
DROP INDEX "directory_index_communes_idx";--> statement-breakpoint
DROP INDEX "directory_index_languages_idx";--> statement-breakpoint
DROP INDEX "directory_index_channels_idx";--> statement-breakpoint
DROP INDEX "directory_words_trgm_idx";--> statement-breakpoint
CREATE INDEX "directory_index_trgm_idx" ON "directory_index" USING gin ("search_text" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "directory_index_words_idx" ON "directory_index" USING gin ("search_words") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "directory_index_title_words_idx" ON "directory_index" USING gin ("title_words") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "directory_index_streams_idx" ON "directory_index" USING gin ("care_streams") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "directory_index_communes_idx" ON "directory_index" USING gin ("communes") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "directory_index_languages_idx" ON "directory_index" USING gin ("languages") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "directory_index_channels_idx" ON "directory_index" USING gin ("channel_kinds") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "directory_words_trgm_idx" ON "directory_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);