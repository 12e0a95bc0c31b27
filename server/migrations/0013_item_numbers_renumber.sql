-- Item and event numbers per office and year (issue 9, point 7). One global sequence let every office
-- read the others' volume from the gaps between its own numbers. Now each office numbers what it
-- creates from 1 every year — the year in its own time zone at creation — without gaps.
--
-- next_number() takes the next number from number_counters with INSERT … ON CONFLICT DO UPDATE …
-- RETURNING: the counter row stays locked until the creating transaction ends, so concurrent creations
-- in one office and year queue and get consecutive numbers, and a rolled-back creation leaves no gap.
-- A BEFORE INSERT trigger calls it for every row inserted without a number, whoever inserts it (the
-- server, the demo generator, a test). A row inserted with its number (an import) moves the counter on.

CREATE OR REPLACE FUNCTION numbering_year(p_office uuid, p_at timestamptz) RETURNS integer LANGUAGE sql STABLE AS $fn$
  SELECT extract(year FROM coalesce(p_at, now()) AT TIME ZONE coalesce((SELECT time_zone FROM offices WHERE id = p_office), 'UTC'))::integer
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION next_number(p_scope text, p_office uuid, p_year integer) RETURNS bigint LANGUAGE sql AS $fn$
  INSERT INTO number_counters AS c (scope, office_id, year, last) VALUES (p_scope, p_office, p_year, 1)
  ON CONFLICT (scope, office_id, year) DO UPDATE SET last = c.last + 1
  RETURNING c.last
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION note_number(p_scope text, p_office uuid, p_year integer, p_number bigint) RETURNS void LANGUAGE sql AS $fn$
  INSERT INTO number_counters AS c (scope, office_id, year, last) VALUES (p_scope, p_office, p_year, p_number)
  ON CONFLICT (scope, office_id, year) DO UPDATE SET last = greatest(c.last, excluded.last)
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION items_assign_number() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.number_year IS NULL THEN
    NEW.number_year := numbering_year(NEW.from_office_id, NEW.created_at);
  END IF;
  IF NEW.number IS NULL THEN
    NEW.number := next_number('item', NEW.from_office_id, NEW.number_year);
  ELSE
    PERFORM note_number('item', NEW.from_office_id, NEW.number_year, NEW.number);
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION events_assign_number() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.number_year IS NULL THEN
    NEW.number_year := numbering_year(NEW.office_id, NEW.created_at);
  END IF;
  IF NEW.number IS NULL THEN
    NEW.number := next_number('event', NEW.office_id, NEW.number_year);
  ELSE
    PERFORM note_number('event', NEW.office_id, NEW.number_year, NEW.number);
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
-- Existing rows: renumbered per office and year in creation order (ties by the old number). The new
-- unique index already stands: a row leaves (office, NULL, old) for its final (office, year, n), so
-- no two rows ever meet on the way. The figures (migration 0006) do not depend on numbers: their
-- update trigger is switched off for this one statement rather than subtracting and re-adding every row.
ALTER TABLE items DISABLE TRIGGER items_stats_update;
--> statement-breakpoint
WITH renumbered AS (
  SELECT i.id,
         extract(year FROM i.created_at AT TIME ZONE o.time_zone)::integer AS y,
         row_number() OVER (PARTITION BY i.from_office_id, extract(year FROM i.created_at AT TIME ZONE o.time_zone) ORDER BY i.created_at, i.number, i.id) AS n
  FROM items i JOIN offices o ON o.id = i.from_office_id
)
UPDATE items SET number_year = r.y, number = r.n FROM renumbered r WHERE items.id = r.id;
--> statement-breakpoint
ALTER TABLE items ENABLE TRIGGER items_stats_update;
--> statement-breakpoint
WITH renumbered AS (
  SELECT e.id,
         extract(year FROM e.created_at AT TIME ZONE o.time_zone)::integer AS y,
         row_number() OVER (PARTITION BY e.office_id, extract(year FROM e.created_at AT TIME ZONE o.time_zone) ORDER BY e.created_at, e.number, e.id) AS n
  FROM events e JOIN offices o ON o.id = e.office_id
)
UPDATE events SET number_year = r.y, number = r.n FROM renumbered r WHERE events.id = r.id;
--> statement-breakpoint
INSERT INTO number_counters (scope, office_id, year, last)
SELECT 'item', from_office_id, number_year, max(number) FROM items GROUP BY from_office_id, number_year
UNION ALL
SELECT 'event', office_id, number_year, max(number) FROM events GROUP BY office_id, number_year;
--> statement-breakpoint
-- Notifications already delivered name the item or event by its number: they get the new one, as
-- «12/2026» (domain/numbering.ts formatNumber), so the bell does not point to another office's number.
UPDATE notifications n SET payload = jsonb_set(n.payload, '{number}', to_jsonb(i.number::text || '/' || i.number_year::text))
FROM items i WHERE n.subject_type = 'item' AND n.subject_id = i.id AND n.payload -> 'number' IS NOT NULL;
--> statement-breakpoint
UPDATE notifications n SET payload = jsonb_set(n.payload, '{number}', to_jsonb(e.number::text || '/' || e.number_year::text))
FROM events e WHERE n.subject_type = 'event' AND n.subject_id = e.id AND n.payload -> 'number' IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER items_number_assign BEFORE INSERT ON items FOR EACH ROW WHEN (NEW.number IS NULL OR NEW.number_year IS NULL) EXECUTE FUNCTION items_assign_number();
--> statement-breakpoint
CREATE TRIGGER events_number_assign BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.number IS NULL OR NEW.number_year IS NULL) EXECUTE FUNCTION events_assign_number();
--> statement-breakpoint
-- The number is the sending office's: should a row ever move to another office (the server never
-- moves one; a data repair might), it takes that office's next number rather than colliding with one.
CREATE OR REPLACE FUNCTION items_renumber_moved() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.number_year := numbering_year(NEW.from_office_id, NEW.created_at);
  NEW.number := next_number('item', NEW.from_office_id, NEW.number_year);
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION events_renumber_moved() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.number_year := numbering_year(NEW.office_id, NEW.created_at);
  NEW.number := next_number('event', NEW.office_id, NEW.number_year);
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER items_number_moved BEFORE UPDATE OF from_office_id ON items FOR EACH ROW WHEN (OLD.from_office_id IS DISTINCT FROM NEW.from_office_id) EXECUTE FUNCTION items_renumber_moved();
--> statement-breakpoint
CREATE TRIGGER events_number_moved BEFORE UPDATE OF office_id ON events FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id) EXECUTE FUNCTION events_renumber_moved();
