DROP TABLE "annual_block_history" CASCADE;--> statement-breakpoint
DROP TABLE "event_history" CASCADE;--> statement-breakpoint
DROP TABLE "item_events" CASCADE;