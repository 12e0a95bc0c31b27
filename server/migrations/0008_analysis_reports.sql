CREATE TABLE "analysis_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party" text NOT NULL,
	"year" integer NOT NULL,
	"conclusions" text DEFAULT '' NOT NULL,
	"proposals" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analysis_reports" ADD CONSTRAINT "analysis_reports_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "analysis_reports_party_year_uq" ON "analysis_reports" USING btree ("party","year");