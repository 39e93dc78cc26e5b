DROP INDEX `households_ref`;--> statement-breakpoint
ALTER TABLE `households` ADD `area_path` text NOT NULL;--> statement-breakpoint
CREATE INDEX `households_area_path` ON `households` (`jurisdiction_id`,`area_path`);--> statement-breakpoint
CREATE UNIQUE INDEX `households_ref` ON `households` (`jurisdiction_id`,`external_ref`);--> statement-breakpoint
CREATE INDEX `audit_log_subject` ON `audit_log` (`jurisdiction_id`,`subject_type`,`subject_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`jurisdiction_id`,`action`,`at`);