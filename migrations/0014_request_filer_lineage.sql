-- Requests a key filed without a user are followed by the key's lineage from now on
-- (`submitted_by = key:<lineage>`, services/requests/viewer.ts filerOf): rows filed through an
-- already-rotated key move to its lineage, so the key's successors still see them.
UPDATE service_requests
SET submitted_by = 'key:' || (SELECT k.lineage_id FROM api_keys k WHERE 'key:' || k.id = service_requests.submitted_by)
WHERE submitted_by IN (SELECT 'key:' || id FROM api_keys WHERE lineage_id IS NOT NULL AND lineage_id <> id);
