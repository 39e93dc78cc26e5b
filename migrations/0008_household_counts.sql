-- Keeps area_household_counts exact as households come and go, whoever writes them (the CSV
-- import, the admin API, a bulk load), so an alert's audience is a sum over areas, not a count
-- over households. Hand-written (drizzle-kit does not model triggers): keep when regenerating.
INSERT INTO area_household_counts (area_id, jurisdiction_id, households)
SELECT area_id, jurisdiction_id, count(*) FROM households GROUP BY area_id, jurisdiction_id
ON CONFLICT (area_id) DO UPDATE SET households = excluded.households;
--> statement-breakpoint
CREATE TRIGGER households_count_insert AFTER INSERT ON households
BEGIN
  INSERT INTO area_household_counts (area_id, jurisdiction_id, households) VALUES (NEW.area_id, NEW.jurisdiction_id, 1)
  ON CONFLICT (area_id) DO UPDATE SET households = households + 1;
END;
--> statement-breakpoint
CREATE TRIGGER households_count_delete AFTER DELETE ON households
BEGIN
  UPDATE area_household_counts SET households = households - 1 WHERE area_id = OLD.area_id;
END;
--> statement-breakpoint
CREATE TRIGGER households_count_move AFTER UPDATE OF area_id ON households WHEN OLD.area_id IS NOT NEW.area_id
BEGIN
  UPDATE area_household_counts SET households = households - 1 WHERE area_id = OLD.area_id;
  INSERT INTO area_household_counts (area_id, jurisdiction_id, households) VALUES (NEW.area_id, NEW.jurisdiction_id, 1)
  ON CONFLICT (area_id) DO UPDATE SET households = households + 1;
END;
