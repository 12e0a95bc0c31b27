-- The action log is append-only, like the audit log: the database itself refuses to rewrite it.
CREATE OR REPLACE FUNCTION actions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'actions is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER actions_no_update BEFORE UPDATE OR DELETE ON "actions"
  FOR EACH ROW EXECUTE FUNCTION actions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER actions_no_truncate BEFORE TRUNCATE ON "actions"
  FOR EACH STATEMENT EXECUTE FUNCTION actions_refuse_change();
