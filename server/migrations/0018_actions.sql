CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_office_id" uuid,
	"actor_party" text,
	"actor_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"on_behalf_of_office_id" uuid,
	"channel" text DEFAULT 'system' NOT NULL,
	"from_status" text,
	"to_status" text,
	"input" jsonb,
	"changes" jsonb NOT NULL,
	"details" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "actions_subject_seq_uq" ON "actions" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE INDEX "actions_type_at_idx" ON "actions" USING btree ("subject_type","at");