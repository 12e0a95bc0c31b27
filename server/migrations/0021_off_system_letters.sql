CREATE TABLE "item_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"office_id" uuid NOT NULL,
	"action" text NOT NULL,
	"channel" text NOT NULL,
	"number" text,
	"date" date NOT NULL,
	"signer_name" text,
	"signer_position" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "letter_id" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "paper_letter_id" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "dispatch_method" text;--> statement-breakpoint
ALTER TABLE "item_letters" ADD CONSTRAINT "item_letters_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_letters" ADD CONSTRAINT "item_letters_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_letters" ADD CONSTRAINT "item_letters_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_letters_item_idx" ON "item_letters" USING btree ("item_id","recorded_at");