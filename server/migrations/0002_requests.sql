CREATE SEQUENCE "public"."item_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"role" text NOT NULL,
	"message_id" uuid,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"office_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"requester_office_id" uuid NOT NULL,
	"provider_office_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"justification" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "info_uses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"purpose" text NOT NULL,
	"consent_id" uuid,
	"used_by" uuid NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"office_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "item_links" (
	"item_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "item_links_item_id_target_id_kind_pk" PRIMARY KEY("item_id","target_id","kind")
);
--> statement-breakpoint
CREATE TABLE "item_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"side" text NOT NULL,
	"body" text NOT NULL,
	"proposed_conditions" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_participants" (
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"side" text NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_participants_item_id_user_id_pk" PRIMARY KEY("item_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" bigint DEFAULT nextval('item_number_seq') NOT NULL,
	"kind" text NOT NULL,
	"from_office_id" uuid NOT NULL,
	"to_office_id" uuid NOT NULL,
	"intended_office_id" uuid,
	"route" text DEFAULT 'direct' NOT NULL,
	"route_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"held_from" text,
	"mode" text DEFAULT 'written' NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"essence" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"assistance" text DEFAULT '' NOT NULL,
	"other_info" text,
	"form" text,
	"priority_areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject_matter" text DEFAULT 'within_protocol' NOT NULL,
	"language" text DEFAULT 'ru' NOT NULL,
	"translation_attached" boolean DEFAULT false NOT NULL,
	"confidentiality" text DEFAULT 'open' NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"cost_arrangement" text DEFAULT 'each_own' NOT NULL,
	"cost_terms" text,
	"content_version" integer DEFAULT 1 NOT NULL,
	"signature_id" uuid,
	"oral_at" timestamp with time zone,
	"oral_channel" text,
	"oral_spoken_by" text,
	"oral_spoken_to" text,
	"oral_confirmed_at" timestamp with time zone,
	"confirmation_due_at" timestamp with time zone,
	"outgoing_number" text,
	"outgoing_date" date,
	"sent_at" timestamp with time zone,
	"incoming_number" text,
	"incoming_date" date,
	"registered_at" timestamp with time zone,
	"answer_due_at" timestamp with time zone,
	"answer_due" jsonb,
	"executor_id" uuid,
	"resolution" text,
	"resolution_due_on" date,
	"conditions_status" text DEFAULT 'none' NOT NULL,
	"conditions" text,
	"outcome" text,
	"refusal_grounds" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome_reason" text,
	"outcome_text" text,
	"legal_basis_applied" text,
	"outcome_confidentiality" text,
	"outcome_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_ru" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, coalesce(subject, '') || ' ' || coalesce(essence, '') || ' ' || coalesce(purpose, '') || ' ' || coalesce(assistance, '') || ' ' || coalesce(other_info, '') || ' ' || coalesce(outgoing_number, '') || ' ' || coalesce(incoming_number, ''))) STORED,
	"search_simple" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(subject, '') || ' ' || coalesce(essence, '') || ' ' || coalesce(purpose, '') || ' ' || coalesce(assistance, '') || ' ' || coalesce(other_info, '') || ' ' || coalesce(outgoing_number, '') || ' ' || coalesce(incoming_number, ''))) STORED
);
--> statement-breakpoint
CREATE TABLE "reminders_sent" (
	"item_id" uuid NOT NULL,
	"key" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_sent_item_id_key_pk" PRIMARY KEY("item_id","key")
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"content_version" integer NOT NULL,
	"purpose" text NOT NULL,
	"signer_id" uuid NOT NULL,
	"key_id" uuid NOT NULL,
	"algorithm" text NOT NULL,
	"content_hash" text NOT NULL,
	"signature" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"encrypted_private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_requester_office_id_offices_id_fk" FOREIGN KEY ("requester_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_provider_office_id_offices_id_fk" FOREIGN KEY ("provider_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_uses" ADD CONSTRAINT "info_uses_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_uses" ADD CONSTRAINT "info_uses_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_uses" ADD CONSTRAINT "info_uses_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_uses" ADD CONSTRAINT "info_uses_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_links" ADD CONSTRAINT "item_links_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_links" ADD CONSTRAINT "item_links_target_id_items_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_messages" ADD CONSTRAINT "item_messages_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_messages" ADD CONSTRAINT "item_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_messages" ADD CONSTRAINT "item_messages_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_participants" ADD CONSTRAINT "item_participants_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_participants" ADD CONSTRAINT "item_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_from_office_id_offices_id_fk" FOREIGN KEY ("from_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_to_office_id_offices_id_fk" FOREIGN KEY ("to_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_intended_office_id_offices_id_fk" FOREIGN KEY ("intended_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_executor_id_users_id_fk" FOREIGN KEY ("executor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders_sent" ADD CONSTRAINT "reminders_sent_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_key_id_signing_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."signing_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_item_idx" ON "attachments" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "consents_item_idx" ON "consents" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "consents_provider_idx" ON "consents" USING btree ("provider_office_id","status");--> statement-breakpoint
CREATE INDEX "info_uses_item_idx" ON "info_uses" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "item_events_item_idx" ON "item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE INDEX "item_links_target_idx" ON "item_links" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "item_messages_item_idx" ON "item_messages" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "item_participants_user_idx" ON "item_participants" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "items_number_uq" ON "items" USING btree ("number");--> statement-breakpoint
CREATE INDEX "items_outgoing_idx" ON "items" USING btree ("from_office_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "items_incoming_idx" ON "items" USING btree ("to_office_id","sent_at" DESC NULLS LAST) WHERE "items"."sent_at" is not null;--> statement-breakpoint
CREATE INDEX "items_status_idx" ON "items" USING btree ("status");--> statement-breakpoint
CREATE INDEX "items_areas_idx" ON "items" USING gin ("priority_areas");--> statement-breakpoint
CREATE INDEX "items_search_ru_idx" ON "items" USING gin ("search_ru");--> statement-breakpoint
CREATE INDEX "items_search_simple_idx" ON "items" USING gin ("search_simple");--> statement-breakpoint
CREATE INDEX "items_answer_due_idx" ON "items" USING btree ("answer_due_at") WHERE "items"."status" in ('sent', 'registered', 'on_hold', 'consultation');--> statement-breakpoint
CREATE INDEX "items_confirmation_due_idx" ON "items" USING btree ("confirmation_due_at") WHERE "items"."mode" = 'oral' and "items"."oral_confirmed_at" is null;--> statement-breakpoint
CREATE INDEX "signatures_item_idx" ON "signatures" USING btree ("item_id","signed_at");--> statement-breakpoint
CREATE INDEX "signing_keys_user_idx" ON "signing_keys" USING btree ("user_id");