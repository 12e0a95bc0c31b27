ALTER TABLE "attachments" ADD COLUMN "damaged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "damage" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_attachments" ADD COLUMN "damaged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_attachments" ADD COLUMN "damage" text;--> statement-breakpoint
ALTER TABLE "event_attachments" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "attachments_sha256_idx" ON "attachments" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "attachments_damaged_idx" ON "attachments" USING btree ("damaged_at") WHERE "attachments"."damaged_at" is not null;--> statement-breakpoint
CREATE INDEX "event_attachments_sha256_idx" ON "event_attachments" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "event_attachments_damaged_idx" ON "event_attachments" USING btree ("damaged_at") WHERE "event_attachments"."damaged_at" is not null;