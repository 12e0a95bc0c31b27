-- Monthly aggregates of items, kept exactly consistent with them (O-3.6, O-4.3).
--
-- One definition of what an item contributes, item_stats_sql(source): the statements that add a
-- relation's contributions, where `source` is a relation of
-- item rows with a sign column `s` (+1 added, -1 removed). Statement-level triggers pass their
-- transition tables (old rows -1, new rows +1), so a batch of a thousand inserts is one grouped
-- upsert and an update that changes nothing counted writes nothing; item_stats_rebuild() passes
-- the whole items table. (The trigger runs the statements itself: transition tables are visible only
-- to the trigger function's own queries, not to a function it calls.) Each figure is a sum of signed contributions, so the aggregates equal a
-- GROUP BY over the items after every committed statement.
CREATE OR REPLACE FUNCTION item_stats_sql(source text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  sides text := format($q$
    SELECT d.s, x.direction, x.office_id, x.counterpart_id,
           date_trunc('month', d.sent_at AT TIME ZONE o.time_zone)::date AS month,
           d.kind, coalesce(d.form, '') AS form, d.status, d.mode, d.route,
           d.outcome_at, d.answer_due_at, d.answer_due, d.oral_confirmed_at, d.confirmation_due_at,
           d.conditions_status, d.priority_areas, d.refusal_grounds
      FROM %s d
      CROSS JOIN LATERAL (VALUES ('out', d.from_office_id, coalesce(d.intended_office_id, d.to_office_id)),
                                 ('in', d.to_office_id, d.from_office_id)) AS x(direction, office_id, counterpart_id)
      JOIN offices o ON o.id = x.office_id
     WHERE d.sent_at IS NOT NULL
  $q$, source);
BEGIN
  RETURN ARRAY[format($q$
    INSERT INTO item_stats_monthly AS t (month, office_id, direction, counterpart_id, kind, form, status, mode, route,
                                         n, answered, answered_in_time, answer_days_sum, oral_confirmed_in_time, oral_confirmed_late,
                                         conditions_proposed, conditions_accepted)
    SELECT month, office_id, direction, counterpart_id, kind, form, status, mode, route,
           sum(s),
           coalesce(sum(s) FILTER (WHERE outcome_at IS NOT NULL), 0),
           coalesce(sum(s) FILTER (WHERE outcome_at IS NOT NULL AND answer_due_at IS NOT NULL AND outcome_at < answer_due_at), 0),
           coalesce(sum(s * ((outcome_at AT TIME ZONE (answer_due->>'timeZone'))::date - (answer_due->>'start')::date))
                    FILTER (WHERE outcome_at IS NOT NULL AND answer_due IS NOT NULL), 0),
           coalesce(sum(s) FILTER (WHERE mode = 'oral' AND oral_confirmed_at IS NOT NULL AND oral_confirmed_at <= confirmation_due_at), 0),
           coalesce(sum(s) FILTER (WHERE mode = 'oral' AND oral_confirmed_at IS NOT NULL AND oral_confirmed_at > confirmation_due_at), 0),
           coalesce(sum(s) FILTER (WHERE conditions_status <> 'none'), 0),
           coalesce(sum(s) FILTER (WHERE conditions_status = 'accepted'), 0)
      FROM (%s) c
     GROUP BY month, office_id, direction, counterpart_id, kind, form, status, mode, route
    -- An update that changes nothing counted nets to zero everywhere: nothing is written.
    HAVING sum(s) <> 0
        OR coalesce(sum(s) FILTER (WHERE outcome_at IS NOT NULL), 0) <> 0
        OR coalesce(sum(s) FILTER (WHERE outcome_at IS NOT NULL AND answer_due_at IS NOT NULL AND outcome_at < answer_due_at), 0) <> 0
        OR coalesce(sum(s * ((outcome_at AT TIME ZONE (answer_due->>'timeZone'))::date - (answer_due->>'start')::date)) FILTER (WHERE outcome_at IS NOT NULL AND answer_due IS NOT NULL), 0) <> 0
        OR coalesce(sum(s) FILTER (WHERE mode = 'oral' AND oral_confirmed_at IS NOT NULL AND oral_confirmed_at <= confirmation_due_at), 0) <> 0
        OR coalesce(sum(s) FILTER (WHERE mode = 'oral' AND oral_confirmed_at IS NOT NULL AND oral_confirmed_at > confirmation_due_at), 0) <> 0
        OR coalesce(sum(s) FILTER (WHERE conditions_status <> 'none'), 0) <> 0
        OR coalesce(sum(s) FILTER (WHERE conditions_status = 'accepted'), 0) <> 0
    ON CONFLICT (month, office_id, direction, counterpart_id, kind, form, status, mode, route) DO UPDATE SET
      n = t.n + excluded.n,
      answered = t.answered + excluded.answered,
      answered_in_time = t.answered_in_time + excluded.answered_in_time,
      answer_days_sum = t.answer_days_sum + excluded.answer_days_sum,
      oral_confirmed_in_time = t.oral_confirmed_in_time + excluded.oral_confirmed_in_time,
      oral_confirmed_late = t.oral_confirmed_late + excluded.oral_confirmed_late,
      conditions_proposed = t.conditions_proposed + excluded.conditions_proposed,
      conditions_accepted = t.conditions_accepted + excluded.conditions_accepted
  $q$, sides),
  format($q$
    INSERT INTO item_area_monthly AS t (month, office_id, direction, counterpart_id, area, status, n)
    SELECT month, office_id, direction, counterpart_id, a.area, status, sum(s)
      FROM (%s) c CROSS JOIN LATERAL unnest(c.priority_areas) AS a(area)
     GROUP BY month, office_id, direction, counterpart_id, a.area, status
    HAVING sum(s) <> 0
    ON CONFLICT (month, office_id, direction, counterpart_id, area, status) DO UPDATE SET n = t.n + excluded.n
  $q$, sides),
  format($q$
    INSERT INTO item_ground_monthly AS t (month, office_id, direction, counterpart_id, ground, n)
    SELECT month, office_id, direction, counterpart_id, g.ground, sum(s)
      FROM (%s) c CROSS JOIN LATERAL unnest(c.refusal_grounds) AS g(ground)
     GROUP BY month, office_id, direction, counterpart_id, g.ground
    HAVING sum(s) <> 0
    ON CONFLICT (month, office_id, direction, counterpart_id, ground) DO UPDATE SET n = t.n + excluded.n
  $q$, sides),
  format($q$
    INSERT INTO item_answer_days_monthly AS t (month, office_id, direction, days, n)
    SELECT month, office_id, direction, (outcome_at AT TIME ZONE (answer_due->>'timeZone'))::date - (answer_due->>'start')::date, sum(s)
      FROM (%s) c
     WHERE outcome_at IS NOT NULL AND answer_due IS NOT NULL
     GROUP BY 1, 2, 3, 4
    HAVING sum(s) <> 0
    ON CONFLICT (month, office_id, direction, days) DO UPDATE SET n = t.n + excluded.n
  $q$, sides)];
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION item_stats_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  stmt text;
BEGIN
  FOREACH stmt IN ARRAY item_stats_sql(CASE TG_OP
      WHEN 'INSERT' THEN '(SELECT 1 AS s, * FROM item_stats_new)'
      WHEN 'DELETE' THEN '(SELECT -1 AS s, * FROM item_stats_old)'
      ELSE '(SELECT -1 AS s, * FROM item_stats_old UNION ALL SELECT 1 AS s, * FROM item_stats_new)' END)
  LOOP
    EXECUTE stmt;
  END LOOP;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER items_stats_insert AFTER INSERT ON items REFERENCING NEW TABLE AS item_stats_new FOR EACH STATEMENT EXECUTE FUNCTION item_stats_trigger();
--> statement-breakpoint
CREATE TRIGGER items_stats_update AFTER UPDATE ON items REFERENCING OLD TABLE AS item_stats_old NEW TABLE AS item_stats_new FOR EACH STATEMENT EXECUTE FUNCTION item_stats_trigger();
--> statement-breakpoint
CREATE TRIGGER items_stats_delete AFTER DELETE ON items REFERENCING OLD TABLE AS item_stats_old FOR EACH STATEMENT EXECUTE FUNCTION item_stats_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION item_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  stmt text;
BEGIN
  DELETE FROM item_stats_monthly;
  DELETE FROM item_area_monthly;
  DELETE FROM item_ground_monthly;
  DELETE FROM item_answer_days_monthly;
  FOREACH stmt IN ARRAY item_stats_sql('(SELECT 1 AS s, * FROM items)') LOOP
    EXECUTE stmt;
  END LOOP;
END
$fn$;
--> statement-breakpoint
SELECT item_stats_rebuild();
