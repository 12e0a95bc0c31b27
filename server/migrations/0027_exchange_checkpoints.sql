CREATE TABLE "exchange_checkpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"peer_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"size" bigint NOT NULL,
	"root" text NOT NULL,
	"note" text NOT NULL,
	"cosignature" text,
	"status" text NOT NULL,
	"first_difference" bigint,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_peers" ADD COLUMN "tls_certificate" text;--> statement-breakpoint
ALTER TABLE "exchange_checkpoints" ADD CONSTRAINT "exchange_checkpoints_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_checkpoints_peer_idx" ON "exchange_checkpoints" USING btree ("peer_id","direction","at");