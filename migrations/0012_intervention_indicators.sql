ALTER TABLE `fraud_reports` ADD `intervention_id` text;--> statement-breakpoint
CREATE INDEX `fraud_reports_intervention` ON `fraud_reports` (`intervention_id`);