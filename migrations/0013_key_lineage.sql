ALTER TABLE `api_keys` ADD `lineage_id` text;--> statement-breakpoint
CREATE INDEX `api_keys_rotated_from` ON `api_keys` (`rotated_from`);--> statement-breakpoint
-- Backfill: a key's lineage is the first key of its rotation chain (its own id when never rotated).
WITH RECURSIVE chain(id, root) AS (
  SELECT id, id FROM api_keys WHERE rotated_from IS NULL
  UNION ALL
  SELECT k.id, chain.root FROM api_keys k JOIN chain ON k.rotated_from = chain.id
)
UPDATE api_keys SET lineage_id = coalesce((SELECT root FROM chain WHERE chain.id = api_keys.id), id);
--> statement-breakpoint
-- app_user subjects are namespaced `<key id>:<app's user id>`; from now on by lineage. Users first
-- seen through an already-rotated key move to their lineage's namespace, so the key's successors
-- find them. Where the lineage already holds that subject (the user was split in two by the
-- rotation before this fix), OR IGNORE leaves the rotated key's copy as it is: the root's copy is
-- the one matched from now on (README "Credentials").
UPDATE OR IGNORE users
SET subject = (SELECT k.lineage_id FROM api_keys k WHERE k.id = substr(users.subject, 1, instr(users.subject, ':') - 1)) || substr(subject, instr(subject, ':'))
WHERE subject_type = 'app_user' AND instr(subject, ':') > 1 AND EXISTS (
  SELECT 1 FROM api_keys k
  WHERE k.id = substr(users.subject, 1, instr(users.subject, ':') - 1) AND k.jurisdiction_id = users.jurisdiction_id AND k.lineage_id <> k.id
);
--> statement-breakpoint
-- Idempotency-Key records of key callers are scoped `key:<lineage>` from now on: records kept under
-- an already-rotated key's own id move with it, so a replay after deploying still finds them.
UPDATE OR IGNORE idempotency_keys
SET scope = 'key:' || (SELECT k.lineage_id FROM api_keys k WHERE 'key:' || k.id = idempotency_keys.scope)
WHERE scope IN (SELECT 'key:' || id FROM api_keys WHERE lineage_id <> id);
