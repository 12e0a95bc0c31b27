CREATE TABLE "annual_block_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"block_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "annual_blocks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"proposals" text DEFAULT '' NOT NULL,
	"figures" jsonb,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"return_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_reminders_sent" (
	"office_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"key" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_reminders_sent_office_id_year_key_pk" PRIMARY KEY("office_id","year","key")
);
--> statement-breakpoint
ALTER TABLE "annual_block_history" ADD CONSTRAINT "annual_block_history_block_id_annual_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."annual_blocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_block_history" ADD CONSTRAINT "annual_block_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_blocks" ADD CONSTRAINT "annual_blocks_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_blocks" ADD CONSTRAINT "annual_blocks_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_blocks" ADD CONSTRAINT "annual_blocks_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reminders_sent" ADD CONSTRAINT "annual_reminders_sent_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_block_history_block_idx" ON "annual_block_history" USING btree ("block_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_blocks_office_year_uq" ON "annual_blocks" USING btree ("office_id","year");--> statement-breakpoint
CREATE INDEX "annual_blocks_year_idx" ON "annual_blocks" USING btree ("year");