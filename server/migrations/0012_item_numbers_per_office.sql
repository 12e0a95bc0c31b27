CREATE TABLE "number_counters" (
	"scope" text NOT NULL,
	"office_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" bigint NOT NULL,
	CONSTRAINT "number_counters_scope_office_id_year_pk" PRIMARY KEY("scope","office_id","year")
);
--> statement-breakpoint
DROP INDEX "events_number_uq";--> statement-breakpoint
DROP INDEX "items_number_uq";--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "number" SET DEFAULT null;--> statement-breakpoint
ALTER TABLE "items" ALTER COLUMN "number" SET DEFAULT null;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "number_year" integer DEFAULT null;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "number_year" integer DEFAULT null;--> statement-breakpoint
ALTER TABLE "number_counters" ADD CONSTRAINT "number_counters_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "events_office_number_uq" ON "events" USING btree ("office_id","number_year","number");--> statement-breakpoint
CREATE UNIQUE INDEX "items_office_number_uq" ON "items" USING btree ("from_office_id","number_year","number");