ALTER TABLE "exchange_checkpoints" ADD COLUMN "timestamp_state" text;--> statement-breakpoint
ALTER TABLE "exchange_checkpoints" ADD COLUMN "timestamp_token" text;--> statement-breakpoint
ALTER TABLE "exchange_checkpoints" ADD COLUMN "timestamp_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "exchange_checkpoints" ADD COLUMN "timestamp_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "exchange_checkpoints" ADD COLUMN "timestamp_next_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "exchange_checkpoints_timestamp_pending_idx" ON "exchange_checkpoints" USING btree ("timestamp_next_attempt_at") WHERE "exchange_checkpoints"."timestamp_state" = 'pending';