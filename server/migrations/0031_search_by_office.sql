-- btree_gin is a trusted extension (PostgreSQL 13+): the database owner may create it; PGlite ships it.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "items_search_ru_idx";--> statement-breakpoint
DROP INDEX "items_search_simple_idx";--> statement-breakpoint
CREATE INDEX "items_search_idx" ON "items" USING gin ("to_office_id","from_office_id","search_ru","search_simple");
