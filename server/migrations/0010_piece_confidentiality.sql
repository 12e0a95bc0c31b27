DROP INDEX "items_outgoing_idx";--> statement-breakpoint
DROP INDEX "items_incoming_idx";--> statement-breakpoint
DROP INDEX "items_incoming_status_idx";--> statement-breakpoint
DROP INDEX "items_outgoing_status_idx";--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "confidentiality" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "item_messages" ADD COLUMN "confidentiality" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "highest_confidentiality" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
CREATE INDEX "items_outgoing_idx" ON "items" USING btree ("from_office_id","created_at" DESC NULLS LAST,"id" DESC NULLS FIRST,"status","priority_areas","highest_confidentiality");--> statement-breakpoint
CREATE INDEX "items_incoming_idx" ON "items" USING btree ("to_office_id","sent_at" DESC NULLS LAST,"id" DESC NULLS FIRST,"status","priority_areas","highest_confidentiality") WHERE "items"."status" not in ('draft', 'signed');--> statement-breakpoint
CREATE INDEX "items_incoming_status_idx" ON "items" USING btree ("to_office_id","status","priority_areas","highest_confidentiality") WHERE "items"."status" not in ('draft', 'signed');--> statement-breakpoint
CREATE INDEX "items_outgoing_status_idx" ON "items" USING btree ("from_office_id","status","priority_areas","highest_confidentiality");