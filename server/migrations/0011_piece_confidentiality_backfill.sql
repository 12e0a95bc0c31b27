-- A-9.2: levels per piece (migration 0009). Until now every file and message of an item was read
-- under the request's level, so they start at that level (an outcome document at the higher of the
-- request's and the answer's), and nothing becomes readable to anyone who could not read it before.
-- An answer below its request's level (the answer form used to default to «open») was read under the
-- request's level, and a piece is now never below the request it answers: it is raised to it.
-- Then each item's highest level over all its pieces, as domain/confidentiality.ts highestLevel.
UPDATE attachments a
   SET confidentiality = (ARRAY['open', 'official_use', 'restricted'])[greatest(
         array_position(ARRAY['open', 'official_use', 'restricted'], i.confidentiality),
         CASE WHEN a.role = 'outcome' THEN coalesce(array_position(ARRAY['open', 'official_use', 'restricted'], i.outcome_confidentiality), 1) ELSE 1 END)]
  FROM items i
 WHERE i.id = a.item_id
   AND (i.confidentiality <> 'open' OR (a.role = 'outcome' AND coalesce(i.outcome_confidentiality, 'open') <> 'open'));
--> statement-breakpoint
UPDATE items
   SET outcome_confidentiality = confidentiality
 WHERE outcome_confidentiality IS NOT NULL
   AND array_position(ARRAY['open', 'official_use', 'restricted'], outcome_confidentiality) < array_position(ARRAY['open', 'official_use', 'restricted'], confidentiality);
--> statement-breakpoint
UPDATE item_messages m
   SET confidentiality = i.confidentiality
  FROM items i
 WHERE i.id = m.item_id AND i.confidentiality <> 'open';
--> statement-breakpoint
UPDATE items i
   SET highest_confidentiality = x.level
  FROM (
    SELECT i2.id, (ARRAY['open', 'official_use', 'restricted'])[greatest(
             array_position(ARRAY['open', 'official_use', 'restricted'], i2.confidentiality),
             coalesce(array_position(ARRAY['open', 'official_use', 'restricted'], i2.outcome_confidentiality), 1),
             coalesce((SELECT max(array_position(ARRAY['open', 'official_use', 'restricted'], m.confidentiality)) FROM item_messages m WHERE m.item_id = i2.id), 1),
             coalesce((SELECT max(array_position(ARRAY['open', 'official_use', 'restricted'], a.confidentiality)) FROM attachments a WHERE a.item_id = i2.id AND a.removed_at IS NULL), 1))] AS level
      FROM items i2
     WHERE i2.confidentiality <> 'open'
        OR coalesce(i2.outcome_confidentiality, 'open') <> 'open'
        OR EXISTS (SELECT 1 FROM item_messages m WHERE m.item_id = i2.id AND m.confidentiality <> 'open')
        OR EXISTS (SELECT 1 FROM attachments a WHERE a.item_id = i2.id AND a.removed_at IS NULL AND a.confidentiality <> 'open')
  ) x
 WHERE x.id = i.id AND i.highest_confidentiality <> x.level;
