CREATE TABLE `points_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`points` integer NOT NULL,
	`minutes` integer,
	`task_id` text,
	`signup_id` text,
	`corrects_entry_id` text,
	`area_path` text,
	`reason` text,
	`occurred_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `points_ledger_user` ON `points_ledger` (`jurisdiction_id`,`user_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `points_ledger_period` ON `points_ledger` (`jurisdiction_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `points_ledger_area` ON `points_ledger` (`jurisdiction_id`,`area_path`,`occurred_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `points_ledger_signup_once` ON `points_ledger` (`signup_id`,`kind`) WHERE signup_id IS NOT NULL AND kind IN ('attendance', 'no_show');--> statement-breakpoint
CREATE TABLE `task_signups` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`task_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`area_path` text NOT NULL,
	`promoted_at` integer,
	`promoted_via` text,
	`withdrawn_at` integer,
	`checked_in_at` integer,
	`check_in_method` text,
	`check_in_lat` real,
	`check_in_lng` real,
	`checked_out_at` integer,
	`check_out_method` text,
	`minutes` integer,
	`credited_minutes` integer,
	`attendance_confirmed_at` integer,
	`attendance_confirmed_by` text,
	`no_show_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_signups_task_user` ON `task_signups` (`task_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `task_signups_task_status` ON `task_signups` (`task_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `task_signups_user` ON `task_signups` (`jurisdiction_id`,`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `task_signups_area` ON `task_signups` (`jurisdiction_id`,`area_path`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`urgent` integer NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`radius_m` integer NOT NULL,
	`address` text,
	`area_id` text NOT NULL,
	`area_path` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`check_in_slack_minutes` integer NOT NULL,
	`capacity` integer NOT NULL,
	`points_per_hour` integer NOT NULL,
	`no_show_penalty` integer NOT NULL,
	`requires_verified` integer NOT NULL,
	`required_skills` text NOT NULL,
	`team_id` text,
	`status` text NOT NULL,
	`posted_by` text NOT NULL,
	`agency_id` text,
	`cancel_reason` text,
	`published_at` integer,
	`completed_at` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_status_start` ON `tasks` (`jurisdiction_id`,`status`,`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_status_lat` ON `tasks` (`jurisdiction_id`,`status`,`lat`,`lng`);--> statement-breakpoint
CREATE INDEX `tasks_area` ON `tasks` (`jurisdiction_id`,`area_path`,`starts_at`);--> statement-breakpoint
CREATE INDEX `tasks_ends` ON `tasks` (`status`,`ends_at`);--> statement-breakpoint
CREATE TABLE `volunteer_leads` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`user_id` text NOT NULL,
	`task_id` text,
	`text` text NOT NULL,
	`lat` real,
	`lng` real,
	`area_id` text,
	`area_path` text,
	`photo_key` text,
	`photo_type` text,
	`status` text NOT NULL,
	`request_id` text,
	`converted_at` integer,
	`converted_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `volunteer_leads_created` ON `volunteer_leads` (`jurisdiction_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `volunteer_leads_area` ON `volunteer_leads` (`jurisdiction_id`,`area_path`,`created_at`);--> statement-breakpoint
CREATE INDEX `volunteer_leads_user` ON `volunteer_leads` (`jurisdiction_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `volunteer_leads_task` ON `volunteer_leads` (`task_id`);--> statement-breakpoint
CREATE INDEX `volunteer_leads_request` ON `volunteer_leads` (`jurisdiction_id`,`request_id`);--> statement-breakpoint
CREATE TABLE `volunteer_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`team_id` text,
	`home_area_id` text,
	`home_area_path` text,
	`skills` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`verified_at` integer,
	`verified_by` text,
	`suspended_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `volunteer_profiles_status` ON `volunteer_profiles` (`jurisdiction_id`,`status`,`user_id`);--> statement-breakpoint
CREATE INDEX `volunteer_profiles_area` ON `volunteer_profiles` (`jurisdiction_id`,`home_area_path`);--> statement-breakpoint
CREATE INDEX `volunteer_profiles_team` ON `volunteer_profiles` (`jurisdiction_id`,`team_id`);--> statement-breakpoint
CREATE TABLE `volunteer_teams` (
	`id` text PRIMARY KEY NOT NULL,
	`jurisdiction_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`area_id` text,
	`area_path` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdictions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_teams_name` ON `volunteer_teams` (`jurisdiction_id`,`name`);--> statement-breakpoint
CREATE INDEX `volunteer_teams_area` ON `volunteer_teams` (`jurisdiction_id`,`area_path`);