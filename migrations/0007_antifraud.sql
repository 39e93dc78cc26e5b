CREATE TABLE `alert_receipts` (
	`alert_id` text NOT NULL,
	`reader` text NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`reader_kind` text NOT NULL,
	`area_id` text,
	`area_path` text NOT NULL,
	`delivered_at` integer NOT NULL,
	`read_at` integer,
	`acknowledged_at` integer,
	PRIMARY KEY(`alert_id`, `reader`)
);
--> statement-breakpoint
CREATE INDEX `alert_receipts_area` ON `alert_receipts` (`jurisdiction_id`,`area_path`,`delivered_at`);--> statement-breakpoint
CREATE TABLE `alert_targets` (
	`alert_id` text NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`target_path` text NOT NULL,
	`live` integer NOT NULL,
	`effective_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`alert_id`, `target_path`)
);
--> statement-breakpoint
CREATE INDEX `alert_targets_inbox` ON `alert_targets` (`jurisdiction_id`,`target_path`,`live`,`expires_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`chain_id` text NOT NULL,
	`version_no` integer NOT NULL,
	`supersedes_id` text,
	`superseded_by_id` text,
	`msg_type` text NOT NULL,
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`urgency` text NOT NULL,
	`certainty` text NOT NULL,
	`title_zh` text NOT NULL,
	`body_zh` text NOT NULL,
	`instruction_zh` text,
	`title_en` text,
	`body_en` text,
	`instruction_en` text,
	`media` text NOT NULL,
	`area_ids` text NOT NULL,
	`whole_jurisdiction` integer NOT NULL,
	`effective_at` integer,
	`expires_at` integer,
	`sent_at` integer,
	`note` text,
	`created_by` text NOT NULL,
	`sent_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`row_version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alerts_list` ON `alerts` (`jurisdiction_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `alerts_feed` ON `alerts` (`jurisdiction_id`,`status`,`sent_at`);--> statement-breakpoint
CREATE INDEX `alerts_chain` ON `alerts` (`chain_id`,`version_no`);--> statement-breakpoint
CREATE TABLE `area_household_counts` (
	`area_id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`households` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `fraud_indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`kind` text NOT NULL,
	`key_hash` text NOT NULL,
	`display` text NOT NULL,
	`status` text NOT NULL,
	`report_count` integer NOT NULL,
	`first_reported_at` integer NOT NULL,
	`last_reported_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`decision_note` text,
	`row_version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fraud_indicators_key` ON `fraud_indicators` (`jurisdiction_id`,`key_hash`);--> statement-breakpoint
CREATE INDEX `fraud_indicators_list` ON `fraud_indicators` (`jurisdiction_id`,`status`,`last_reported_at`);--> statement-breakpoint
CREATE TABLE `fraud_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`indicator_id` text NOT NULL,
	`reporter` text NOT NULL,
	`reported_kind` text NOT NULL,
	`narrative` text NOT NULL,
	`amount_fen` integer,
	`occurred_at` integer,
	`area_id` text,
	`area_path` text,
	`photos` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fraud_reports_reporter` ON `fraud_reports` (`indicator_id`,`reporter`);--> statement-breakpoint
CREATE INDEX `fraud_reports_area` ON `fraud_reports` (`jurisdiction_id`,`area_path`,`created_at`);--> statement-breakpoint
CREATE INDEX `fraud_reports_time` ON `fraud_reports` (`jurisdiction_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `fraud_reports_mine` ON `fraud_reports` (`jurisdiction_id`,`reporter`,`created_at`);--> statement-breakpoint
CREATE TABLE `intervention_events` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`intervention_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`note` text,
	`data` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intervention_events_of` ON `intervention_events` (`intervention_id`,`at`);--> statement-breakpoint
CREATE TABLE `interventions` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`scam_type` text NOT NULL,
	`area_id` text NOT NULL,
	`area_path` text NOT NULL,
	`household_id` text,
	`assigned_officer_id` text,
	`agency_id` text,
	`victim_name` text,
	`victim_phone` text,
	`summary` text NOT NULL,
	`amount_at_risk_fen` integer,
	`response_due_at` integer NOT NULL,
	`responded_at` integer,
	`escalated_at` integer,
	`resolved_at` integer,
	`outcome` text,
	`amount_saved_fen` integer,
	`amount_lost_fen` integer,
	`anti_fraud_app_installed` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`row_version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interventions_list` ON `interventions` (`jurisdiction_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `interventions_area` ON `interventions` (`jurisdiction_id`,`area_path`,`created_at`);--> statement-breakpoint
CREATE INDEX `interventions_officer` ON `interventions` (`assigned_officer_id`,`status`);--> statement-breakpoint
CREATE INDEX `interventions_open` ON `interventions` (`jurisdiction_id`,`status`,`response_due_at`);--> statement-breakpoint
CREATE INDEX `interventions_due` ON `interventions` (`status`,`response_due_at`);