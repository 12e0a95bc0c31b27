CREATE TABLE "party_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"from_party" text NOT NULL,
	"to_office_id" uuid NOT NULL,
	"office_id" uuid,
	"subject_type" text,
	"subject_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_on" date,
	"outgoing_number" text,
	"note" text,
	"sent_recorded_by" uuid,
	"sent_recorded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "hosting" text DEFAULT 'here' NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "peer_name" text;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "peer_url" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
ALTER TABLE "party_notices" ADD CONSTRAINT "party_notices_to_office_id_offices_id_fk" FOREIGN KEY ("to_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_notices" ADD CONSTRAINT "party_notices_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_notices_pending_idx" ON "party_notices" USING btree ("from_party","created_at") WHERE "party_notices"."sent_on" is null;--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_hosting_ck" CHECK ("offices"."hosting" in ('here', 'peer', 'off_system') and (("offices"."hosting" = 'peer') = ("offices"."peer_name" is not null and "offices"."peer_url" is not null)));