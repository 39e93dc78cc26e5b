CREATE TABLE `intervention_indicators` (
	`intervention_id` text NOT NULL,
	`indicator_id` text NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`intervention_id`, `indicator_id`)
);
--> statement-breakpoint
CREATE INDEX `intervention_indicators_indicator` ON `intervention_indicators` (`indicator_id`);--> statement-breakpoint
CREATE INDEX `fraud_indicators_recent` ON `fraud_indicators` (`jurisdiction_id`,`last_reported_at`,`id`);