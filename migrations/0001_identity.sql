CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`area_id` text,
	`phone` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agencies_jurisdiction` ON `agencies` (`jurisdiction_id`,`id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`scopes` text NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer,
	`rotated_from` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `api_keys_jurisdiction` ON `api_keys` (`jurisdiction_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `areas` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`parent_id` text,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`path` text NOT NULL,
	`lat` real,
	`lng` real,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `areas_path` ON `areas` (`jurisdiction_id`,`path`);--> statement-breakpoint
CREATE INDEX `areas_parent` ON `areas` (`jurisdiction_id`,`parent_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `areas_code` ON `areas` (`jurisdiction_id`,`code`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`detail` text,
	`request_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_jurisdiction_at` ON `audit_log` (`jurisdiction_id`,`at`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`area_id` text NOT NULL,
	`address` text NOT NULL,
	`lat` real,
	`lng` real,
	`doorplate_code` text NOT NULL,
	`external_ref` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_doorplateCode_unique` ON `households` (`doorplate_code`);--> statement-breakpoint
CREATE INDEX `households_area` ON `households` (`jurisdiction_id`,`area_id`);--> statement-breakpoint
CREATE INDEX `households_ref` ON `households` (`jurisdiction_id`,`external_ref`);--> statement-breakpoint
CREATE TABLE `jurisdictions` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`timezone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jurisdictions_code_unique` ON `jurisdictions` (`code`);--> statement-breakpoint
CREATE TABLE `user_areas` (
	`user_id` text NOT NULL,
	`area_id` text NOT NULL,
	`duty` text NOT NULL,
	PRIMARY KEY(`user_id`, `area_id`)
);
--> statement-breakpoint
CREATE INDEX `user_areas_area` ON `user_areas` (`area_id`,`duty`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text,
	`phone` text,
	`agency_id` text,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_subject` ON `users` (`jurisdiction_id`,`subject_type`,`subject`);--> statement-breakpoint
CREATE INDEX `users_role` ON `users` (`jurisdiction_id`,`role`);