-- The action log (issue 10, part 2; docs/KERNEL.md). Every change of an item, an event or an annual
-- block is an action; the subjects' rows are projections of their actions.
--
-- 1. The log is append-only, like the audit log: the database itself refuses to rewrite it.
-- 2. Existing subjects get their logs from the old history tables (item_events, event_history,
--    annual_block_history): each history row becomes an action in time order (kind, instant, actor,
--    statuses; input and details = the old details; changes = the status change it recorded),
--    followed by one `baseline` action (channel `migration`, no actor) whose changes are the whole
--    row as it stands, so that a replay rebuilds it exactly and the log says where it began.
-- 3. The hashes are computed here, as server/kernel/kernel.chain.ts computes them:
--    sha256(prev_hash ‖ "\n" ‖ RFC 8785 JSON of the action's fields). RFC 8785 is written out below
--    for the values this data holds (ASCII keys sorted by code unit, jsonb's string escapes are
--    ECMAScript's, integers and short decimals); the migration test verifies the chains in TypeScript.
-- The old tables are dropped by the next migration.

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
--> statement-breakpoint

-- RFC 8785 (JSON Canonicalization Scheme) of a jsonb value.
CREATE FUNCTION bc_canonical_json(j jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  r text;
BEGIN
  IF j IS NULL THEN
    RETURN 'null';
  END IF;
  CASE jsonb_typeof(j)
    WHEN 'object' THEN
      SELECT '{' || coalesce(string_agg(to_jsonb(k)::text || ':' || bc_canonical_json(v), ',' ORDER BY k COLLATE "C"), '') || '}' INTO r FROM jsonb_each(j) AS e(k, v);
    WHEN 'array' THEN
      SELECT '[' || coalesce(string_agg(bc_canonical_json(v), ',' ORDER BY i), '') || ']' INTO r FROM jsonb_array_elements(j) WITH ORDINALITY AS e(v, i);
    ELSE
      r := j::text;
  END CASE;
  RETURN r;
END;
$fn$;
--> statement-breakpoint

-- An instant as JavaScript's toISOString() writes it (the log's instants have millisecond precision).
CREATE FUNCTION bc_iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$fn$;
--> statement-breakpoint

-- A column name as the application names it (drizzle's camelCase).
CREATE FUNCTION bc_camel(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT string_agg(CASE WHEN i = 1 THEN p ELSE initcap(p) END, '' ORDER BY i) FROM regexp_split_to_table(name, '_') WITH ORDINALITY AS x(p, i)
$fn$;
--> statement-breakpoint

-- The whole row of a subject table as the application's JSON: camelCase keys, instants in ISO form,
-- generated columns left out. Built as one expression per table (jsonb_build_object takes at most
-- 100 arguments, so in chunks joined with ||).
CREATE FUNCTION bc_row_json_expr(tbl text, alias text) RETURNS text LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  expr text;
BEGIN
  SELECT string_agg('jsonb_build_object(' || pairs || ')', ' || ' ORDER BY chunk) INTO expr
  FROM (
    SELECT (n - 1) / 40 AS chunk,
           string_agg(format('%L, %s', bc_camel(column_name),
                             CASE WHEN data_type = 'timestamp with time zone' THEN format('bc_iso(%I.%I)', alias, column_name) ELSE format('%I.%I', alias, column_name) END),
                      ', ' ORDER BY n) AS pairs
    FROM (SELECT column_name, data_type, row_number() OVER (ORDER BY ordinal_position) AS n
          FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = tbl AND is_generated = 'NEVER') c
    GROUP BY (n - 1) / 40
  ) chunks;
  RETURN expr;
END;
$fn$;
--> statement-breakpoint

CREATE TEMPORARY TABLE bc_staging (
  id uuid NOT NULL,
  subject_type text NOT NULL,
  subject_id uuid NOT NULL,
  seq integer,
  ord_at timestamptz NOT NULL,
  ord_id uuid NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_office_id uuid,
  actor_party text,
  actor_roles text[] NOT NULL DEFAULT '{}'::text[],
  channel text NOT NULL,
  from_status text,
  to_status text,
  input jsonb,
  changes jsonb NOT NULL,
  details jsonb,
  body text
);
--> statement-breakpoint

-- The history rows, as they were recorded (ids kept: UUIDv7 of the time they were written).
INSERT INTO bc_staging (id, subject_type, subject_id, ord_at, ord_id, kind, at, actor_user_id, actor_office_id, actor_party, channel, from_status, to_status, input, changes, details)
SELECT e.id, 'item', e.item_id, e.at, e.id, e.action, date_trunc('milliseconds', e.at), e.actor_id, e.office_id, o.party, 'system', e.from_status, e.to_status, e.details,
       CASE WHEN e.to_status IS NOT NULL AND e.to_status IS DISTINCT FROM e.from_status THEN jsonb_build_object('status', e.to_status) ELSE '{}'::jsonb END,
       e.details
FROM item_events e LEFT JOIN offices o ON o.id = e.office_id;
--> statement-breakpoint
INSERT INTO bc_staging (id, subject_type, subject_id, ord_at, ord_id, kind, at, actor_user_id, actor_office_id, actor_party, channel, from_status, to_status, input, changes, details)
SELECT h.id, 'event', h.event_id, h.at, h.id, h.action, date_trunc('milliseconds', h.at), h.actor_id, h.office_id, o.party, 'system', h.from_status, h.to_status, h.details,
       CASE WHEN h.to_status IS NOT NULL AND h.to_status IS DISTINCT FROM h.from_status THEN jsonb_build_object('status', h.to_status) ELSE '{}'::jsonb END,
       h.details
FROM event_history h LEFT JOIN offices o ON o.id = h.office_id;
--> statement-breakpoint
-- The annual history named no office or status: the actor's office is the user's.
INSERT INTO bc_staging (id, subject_type, subject_id, ord_at, ord_id, kind, at, actor_user_id, actor_office_id, actor_party, channel, input, changes, details)
SELECT h.id, 'annual_block', h.block_id, h.at, h.id, h.action, date_trunc('milliseconds', h.at), h.actor_id, u.office_id, o.party, 'system', h.details, '{}'::jsonb, h.details
FROM annual_block_history h LEFT JOIN users u ON u.id = h.actor_id LEFT JOIN offices o ON o.id = u.office_id;
--> statement-breakpoint

-- A UUIDv7 of an instant: its milliseconds, then random bits (PostgreSQL 15 has no uuidv7()).
CREATE FUNCTION bc_uuidv7(t timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $fn$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM t) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$fn$;
--> statement-breakpoint

-- One baseline per subject: the row as it stands, after its history.
DO $$
BEGIN
  EXECUTE format(
    'INSERT INTO bc_staging (id, subject_type, subject_id, ord_at, ord_id, kind, at, channel, from_status, to_status, changes)
     SELECT bc_uuidv7(now()), %L, s.id, ''infinity'', s.id, ''baseline'', date_trunc(''milliseconds'', now()), ''migration'', s.status, s.status, %s FROM items s',
    'item', bc_row_json_expr('items', 's'));
  EXECUTE format(
    'INSERT INTO bc_staging (id, subject_type, subject_id, ord_at, ord_id, kind, at, channel, from_status, to_status, changes)
     SELECT bc_uuidv7(now()), %L, s.id, ''infinity'', s.id, ''baseline'', date_trunc(''milliseconds'', now()), ''migration'', s.status, s.status, %s FROM events s',
    'event', bc_row_json_expr('events', 's'));
  EXECUTE format(
    'INSERT INTO bc_staging (id, subject_type, subject_id, ord_at, ord_id, kind, at, channel, from_status, to_status, changes)
     SELECT bc_uuidv7(now()), %L, s.id, ''infinity'', s.id, ''baseline'', date_trunc(''milliseconds'', now()), ''migration'', s.status, s.status, %s FROM annual_blocks s',
    'annual_block', bc_row_json_expr('annual_blocks', 's'));
END;
$$;
--> statement-breakpoint

-- History of a subject that no longer exists is not carried over (none should: rows are never deleted).
DELETE FROM bc_staging s WHERE s.kind <> 'baseline' AND NOT EXISTS (SELECT 1 FROM bc_staging b WHERE b.kind = 'baseline' AND b.subject_id = s.subject_id);
--> statement-breakpoint

UPDATE bc_staging s SET seq = n.seq
FROM (SELECT id, subject_id, row_number() OVER (PARTITION BY subject_id ORDER BY ord_at, ord_id, kind = 'baseline') AS seq FROM bc_staging) n
WHERE n.id = s.id AND n.subject_id = s.subject_id;
--> statement-breakpoint

UPDATE bc_staging SET body = bc_canonical_json(jsonb_build_object(
  'id', id, 'subjectType', subject_type, 'subjectId', subject_id, 'seq', seq, 'kind', kind, 'at', bc_iso(at),
  'actorUserId', actor_user_id, 'actorOfficeId', actor_office_id, 'actorParty', actor_party, 'actorRoles', to_jsonb(actor_roles),
  'onBehalfOfOfficeId', NULL, 'channel', channel, 'fromStatus', from_status, 'toStatus', to_status,
  'input', input, 'changes', changes, 'details', details));
--> statement-breakpoint

CREATE INDEX bc_staging_subject_seq ON bc_staging (subject_id, seq);
--> statement-breakpoint
ANALYZE bc_staging;
--> statement-breakpoint

-- Each subject's chain, one level of seq at a time for every subject at once.
INSERT INTO actions (id, subject_type, subject_id, seq, kind, at, actor_user_id, actor_office_id, actor_party, actor_roles, on_behalf_of_office_id, channel, from_status, to_status, input, changes, details, prev_hash, hash)
WITH RECURSIVE chain(subject_id, seq, prev_hash, hash) AS (
  SELECT s.subject_id, s.seq, repeat('0', 64), encode(sha256(convert_to(repeat('0', 64) || E'\n' || s.body, 'UTF8')), 'hex')
  FROM bc_staging s WHERE s.seq = 1
  UNION ALL
  SELECT s.subject_id, s.seq, c.hash, encode(sha256(convert_to(c.hash || E'\n' || s.body, 'UTF8')), 'hex')
  FROM chain c JOIN bc_staging s ON s.subject_id = c.subject_id AND s.seq = c.seq + 1
)
SELECT s.id, s.subject_type, s.subject_id, s.seq, s.kind, s.at, s.actor_user_id, s.actor_office_id, s.actor_party, s.actor_roles, NULL, s.channel, s.from_status, s.to_status, s.input, s.changes, s.details, c.prev_hash, c.hash
FROM bc_staging s JOIN chain c ON c.subject_id = s.subject_id AND c.seq = s.seq;
--> statement-breakpoint

DROP TABLE bc_staging;
--> statement-breakpoint
DROP FUNCTION bc_row_json_expr(text, text);
--> statement-breakpoint
DROP FUNCTION bc_camel(text);
--> statement-breakpoint
DROP FUNCTION bc_iso(timestamptz);
--> statement-breakpoint
DROP FUNCTION bc_canonical_json(jsonb);
--> statement-breakpoint
DROP FUNCTION bc_uuidv7(timestamptz);
