CREATE TABLE "action_forks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"actor_user_id" uuid,
	"actor_office_id" uuid,
	"action" jsonb NOT NULL,
	"superseded_by" uuid NOT NULL,
	"peer_node_id" text NOT NULL,
	"superseded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "action_forks_subject_idx" ON "action_forks" USING btree ("subject_id","seq");
--> statement-breakpoint
-- The action log stays append-only, with one exception: a fork's resolution (domain/forks.ts) moves a
-- subject's superseded actions into action_forks in the same transaction. It names the subject in the
-- transaction-local setting bc.fork_subject; only that subject's rows may then be deleted.
CREATE OR REPLACE FUNCTION actions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('bc.fork_subject', true) = OLD.subject_id::text
     AND EXISTS (SELECT 1 FROM action_forks f WHERE f.id = OLD.id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'actions is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION action_forks_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'action_forks is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER action_forks_no_update BEFORE UPDATE OR DELETE ON "action_forks"
  FOR EACH ROW EXECUTE FUNCTION action_forks_refuse_change();
--> statement-breakpoint
CREATE TRIGGER action_forks_no_truncate BEFORE TRUNCATE ON "action_forks"
  FOR EACH STATEMENT EXECUTE FUNCTION action_forks_refuse_change();
--> statement-breakpoint
-- The application role may not delete from the log (server/db/migrate.ts revokes it); a fork's
-- resolution goes through this function, run with its owner's rights, which deletes only rows of
-- the subject from the seq on that were already kept aside in action_forks.
CREATE OR REPLACE FUNCTION bc_supersede_actions(p_subject uuid, p_seq integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n integer;
BEGIN
  PERFORM set_config('bc.fork_subject', p_subject::text, true);
  DELETE FROM actions a WHERE a.subject_id = p_subject AND a.seq >= p_seq AND EXISTS (SELECT 1 FROM action_forks f WHERE f.id = a.id);
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('bc.fork_subject', '', true);
  RETURN n;
END;
$$;
