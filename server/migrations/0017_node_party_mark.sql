-- An installation that has offices already ran as one application for both Parties: its offices are
-- all hosted here (the column default above), and the start-up records that the node was `both`, so
-- that a NODE_PARTY of one Party applies as a change (server/prepare.ts, README «The node»). A fresh
-- database has no offices yet: the first start loads them hosted as its NODE_PARTY says.
INSERT INTO "app_meta" ("key", "value", "updated_at")
SELECT 'node_party', '"both"'::jsonb, now()
WHERE EXISTS (SELECT 1 FROM "offices")
ON CONFLICT ("key") DO NOTHING;
