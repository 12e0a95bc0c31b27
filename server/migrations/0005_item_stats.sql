CREATE TABLE "item_answer_days_monthly" (
	"month" date NOT NULL,
	"office_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"days" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "item_answer_days_monthly_month_office_id_direction_days_pk" PRIMARY KEY("month","office_id","direction","days")
);
--> statement-breakpoint
CREATE TABLE "item_area_monthly" (
	"month" date NOT NULL,
	"office_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"counterpart_id" uuid NOT NULL,
	"area" text NOT NULL,
	"status" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "item_area_monthly_month_office_id_direction_counterpart_id_area_status_pk" PRIMARY KEY("month","office_id","direction","counterpart_id","area","status")
);
--> statement-breakpoint
CREATE TABLE "item_ground_monthly" (
	"month" date NOT NULL,
	"office_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"counterpart_id" uuid NOT NULL,
	"ground" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "item_ground_monthly_month_office_id_direction_counterpart_id_ground_pk" PRIMARY KEY("month","office_id","direction","counterpart_id","ground")
);
--> statement-breakpoint
CREATE TABLE "item_stats_monthly" (
	"month" date NOT NULL,
	"office_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"counterpart_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"form" text NOT NULL,
	"status" text NOT NULL,
	"mode" text NOT NULL,
	"route" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"answered_in_time" integer DEFAULT 0 NOT NULL,
	"answer_days_sum" bigint DEFAULT 0 NOT NULL,
	"oral_confirmed_in_time" integer DEFAULT 0 NOT NULL,
	"oral_confirmed_late" integer DEFAULT 0 NOT NULL,
	"conditions_proposed" integer DEFAULT 0 NOT NULL,
	"conditions_accepted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "item_stats_monthly_month_office_id_direction_counterpart_id_kind_form_status_mode_route_pk" PRIMARY KEY("month","office_id","direction","counterpart_id","kind","form","status","mode","route")
);
--> statement-breakpoint
CREATE INDEX "item_area_monthly_month_idx" ON "item_area_monthly" USING btree ("month");--> statement-breakpoint
CREATE INDEX "item_ground_monthly_month_idx" ON "item_ground_monthly" USING btree ("month");--> statement-breakpoint
CREATE INDEX "item_stats_monthly_month_idx" ON "item_stats_monthly" USING btree ("month");