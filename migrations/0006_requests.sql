CREATE TABLE `request_events` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`request_id` text NOT NULL,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`actor` text NOT NULL,
	`actor_role` text,
	`actor_agency_id` text,
	`note` text,
	`visibility` text NOT NULL,
	`data` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_events_request` ON `request_events` (`jurisdiction_id`,`request_id`,`at`,`id`);--> statement-breakpoint
CREATE TABLE `request_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`request_id` text NOT NULL,
	`blob_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_photos_request` ON `request_photos` (`jurisdiction_id`,`request_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`tracking_code` text NOT NULL,
	`service_id` text NOT NULL,
	`service_code` text NOT NULL,
	`service_group` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`active` integer NOT NULL,
	`channel` text NOT NULL,
	`urgency` text NOT NULL,
	`urgency_rank` integer NOT NULL,
	`description` text,
	`attributes` text NOT NULL,
	`reporter_user_id` text,
	`reporter_name` text,
	`reporter_phone` text,
	`submitted_by` text NOT NULL,
	`submitted_by_key_id` text NOT NULL,
	`lat` real,
	`lng` real,
	`address` text,
	`household_id` text,
	`area_id` text,
	`area_path` text,
	`agency_id` text,
	`dispatched_at` integer,
	`first_response_due_at` integer,
	`resolution_due_at` integer,
	`first_responded_at` integer,
	`resolved_at` integer,
	`rated_at` integer,
	`closed_at` integer,
	`rating` integer,
	`rating_comment` text,
	`resolution_note` text,
	`duplicate_of` text,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`overdue_since` integer,
	`response_breached_at` integer,
	`resolution_breached_at` integer,
	`photo_count` integer DEFAULT 0 NOT NULL,
	`media_url` text,
	`source_lead_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_requests_tracking` ON `service_requests` (`jurisdiction_id`,`tracking_code`);--> statement-breakpoint
CREATE INDEX `service_requests_created` ON `service_requests` (`jurisdiction_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `service_requests_status` ON `service_requests` (`jurisdiction_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `service_requests_agency` ON `service_requests` (`jurisdiction_id`,`agency_id`,`active`,`resolution_due_at`,`id`);--> statement-breakpoint
CREATE INDEX `service_requests_reporter` ON `service_requests` (`jurisdiction_id`,`reporter_user_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `service_requests_filer` ON `service_requests` (`jurisdiction_id`,`submitted_by`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `service_requests_area` ON `service_requests` (`jurisdiction_id`,`area_path`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_requests_due` ON `service_requests` (`jurisdiction_id`,`active`,`resolution_due_at`);--> statement-breakpoint
CREATE INDEX `service_requests_sla_resolution` ON `service_requests` (`active`,`resolution_due_at`);--> statement-breakpoint
CREATE INDEX `service_requests_sla_response` ON `service_requests` (`active`,`first_response_due_at`);--> statement-breakpoint
CREATE INDEX `service_requests_autoclose` ON `service_requests` (`status`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`description_zh` text,
	`description_en` text,
	`group` text NOT NULL,
	`keywords` text NOT NULL,
	`attributes` text NOT NULL,
	`default_agency_id` text,
	`default_urgency` text DEFAULT 'normal' NOT NULL,
	`first_response_minutes` integer NOT NULL,
	`resolution_hours` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_code` ON `services` (`jurisdiction_id`,`code`);--> statement-breakpoint
CREATE INDEX `services_group` ON `services` (`jurisdiction_id`,`group`,`code`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`message_id` text NOT NULL,
	`event_type` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint` ON `webhook_deliveries` (`jurisdiction_id`,`endpoint_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`agency_id` text,
	`url` text NOT NULL,
	`description` text,
	`event_types` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`status` text NOT NULL,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_jurisdiction` ON `webhook_endpoints` (`jurisdiction_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `dispute_follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`dispute_id` text NOT NULL,
	`request_id` text NOT NULL,
	`offset_days` integer NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`result` text,
	`note` text,
	`done_at` integer,
	`done_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dispute_follow_ups_due` ON `dispute_follow_ups` (`jurisdiction_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `dispute_follow_ups_dispute` ON `dispute_follow_ups` (`jurisdiction_id`,`dispute_id`);--> statement-breakpoint
CREATE TABLE `dispute_parties` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`dispute_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`role` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dispute_parties_dispute` ON `dispute_parties` (`jurisdiction_id`,`dispute_id`);--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`request_id` text NOT NULL,
	`grade` text NOT NULL,
	`level` text NOT NULL,
	`area_path` text,
	`outcome` text,
	`agreement_text` text,
	`agreement_signed_at` integer,
	`agreement_party_ids` text,
	`mediated_at` integer,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disputes_request` ON `disputes` (`jurisdiction_id`,`request_id`);--> statement-breakpoint
CREATE INDEX `disputes_created` ON `disputes` (`jurisdiction_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `disputes_area` ON `disputes` (`jurisdiction_id`,`area_path`);--> statement-breakpoint
CREATE TABLE `mediation_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`dispute_id` text NOT NULL,
	`level` text NOT NULL,
	`held_at` integer NOT NULL,
	`location` text,
	`summary` text NOT NULL,
	`outcome` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mediation_sessions_dispute` ON `mediation_sessions` (`jurisdiction_id`,`dispute_id`,`held_at`);