CREATE TABLE "exchange_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"peer_id" uuid,
	"kind" text NOT NULL,
	"message_id" uuid,
	"subject_id" uuid,
	"details" jsonb,
	"at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_inbox" (
	"peer_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"stream_index" bigint NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"envelope" text NOT NULL,
	"payload_hash" text NOT NULL,
	"state" text NOT NULL,
	"response" text NOT NULL,
	"rejection_code" text,
	"received_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	CONSTRAINT "exchange_inbox_peer_id_message_id_pk" PRIMARY KEY("peer_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"encrypted_private_key" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_outbox" (
	"peer_id" uuid NOT NULL,
	"stream_index" bigint NOT NULL,
	"message_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"envelope" text NOT NULL,
	"payload_hash" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"escalation" integer DEFAULT 0 NOT NULL,
	"receipt" text,
	"received_at" timestamp with time zone,
	"rejection_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_outbox_peer_id_stream_index_pk" PRIMARY KEY("peer_id","stream_index")
);
--> statement-breakpoint
CREATE TABLE "exchange_peers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"node_id" text NOT NULL,
	"name" text NOT NULL,
	"party" text NOT NULL,
	"url" text NOT NULL,
	"keys" jsonb NOT NULL,
	"tls_fingerprint" text,
	"last_heard_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_alerts" ADD CONSTRAINT "exchange_alerts_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_inbox" ADD CONSTRAINT "exchange_inbox_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_outbox" ADD CONSTRAINT "exchange_outbox_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_alerts_open_idx" ON "exchange_alerts" USING btree ("at") WHERE "exchange_alerts"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_inbox_stream_uq" ON "exchange_inbox" USING btree ("peer_id","stream_index");--> statement-breakpoint
CREATE INDEX "exchange_inbox_held_idx" ON "exchange_inbox" USING btree ("subject_id","seq") WHERE "exchange_inbox"."state" = 'held';--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_outbox_message_uq" ON "exchange_outbox" USING btree ("peer_id","message_id");--> statement-breakpoint
CREATE INDEX "exchange_outbox_due_idx" ON "exchange_outbox" USING btree ("next_attempt_at") WHERE "exchange_outbox"."state" = 'queued';--> statement-breakpoint
CREATE INDEX "exchange_outbox_subject_idx" ON "exchange_outbox" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_peers_node_uq" ON "exchange_peers" USING btree ("node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_peers_name_uq" ON "exchange_peers" USING btree ("name");