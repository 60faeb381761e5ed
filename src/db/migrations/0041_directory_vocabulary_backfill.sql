-- A directory search looks a typed prefix up as the whole words of the vocabulary that it begins
-- ("soin" → soins: exact GIN lookups, decision 041). That finds the same rows only if the
-- vocabulary (directory_words) holds every word of three letters or more of the index; the indexer
-- has written them with every row since the table exists. This fills in any that a database could
-- lack (a row written by hand or restored apart), from the rows themselves. Idempotent.
INSERT INTO "directory_words" ("word")
SELECT DISTINCT w
FROM "directory_index",
  unnest(string_to_array("search_text", ' ') || string_to_array(coalesce("public_text", ''), ' ')) AS w
WHERE length(w) >= 3
ON CONFLICT DO NOTHING;
