ALTER TABLE "event_attachments" ADD COLUMN "provider_office_id" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "counterpart_statements" jsonb;--> statement-breakpoint
ALTER TABLE "event_attachments" ADD CONSTRAINT "event_attachments_provider_office_id_offices_id_fk" FOREIGN KEY ("provider_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;