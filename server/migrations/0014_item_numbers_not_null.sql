ALTER TABLE "events" ALTER COLUMN "number_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ALTER COLUMN "number_year" SET NOT NULL;--> statement-breakpoint
DROP SEQUENCE "public"."event_number_seq";--> statement-breakpoint
DROP SEQUENCE "public"."item_number_seq";