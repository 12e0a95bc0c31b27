CREATE TABLE "registry_version" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "registry_version_one_row" CHECK ("registry_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "registry_version" ("id", "version") VALUES (1, 1);--> statement-breakpoint
-- Statement-level: one raise per statement, whatever the rows; the notice goes at commit, so a
-- reader told of it reads the new registry, and a rolled-back change tells nobody.
CREATE FUNCTION bc_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  UPDATE registry_version SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
  PERFORM pg_notify('bc_registry', v::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER offices_registry_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "offices" FOR EACH STATEMENT EXECUTE FUNCTION bc_registry_changed();--> statement-breakpoint
CREATE TRIGGER pairings_registry_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pairings" FOR EACH STATEMENT EXECUTE FUNCTION bc_registry_changed();--> statement-breakpoint
CREATE TRIGGER legal_basis_registry_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "legal_basis" FOR EACH STATEMENT EXECUTE FUNCTION bc_registry_changed();
