import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_availability_weekly_hours_day" AS ENUM('0', '1', '2', '3', '4', '5', '6');
  CREATE TYPE "public"."enum_users_role" AS ENUM('ops', 'customer', 'provider');
  CREATE TYPE "public"."enum_jobs_status" AS ENUM('open', 'assigned', 'completed', 'cancelled');
  CREATE TYPE "public"."enum_quotes_currency" AS ENUM('USD', 'EUR', 'GBP', 'CAD', 'AUD');
  CREATE TYPE "public"."enum_quotes_status" AS ENUM('pending', 'accepted', 'declined', 'withdrawn', 'expired');
  CREATE TYPE "public"."enum_assignments_status" AS ENUM('pending_schedule', 'scheduled', 'completed', 'verified', 'disputed', 'rejected', 'cancelled');
  CREATE TYPE "public"."enum_assignments_payout_status" AS ENUM('none', 'pending_review', 'approved', 'capture_pending', 'captured', 'failed', 'rejected');
  CREATE TYPE "public"."enum_assignments_currency" AS ENUM('USD', 'EUR', 'GBP', 'CAD', 'AUD');
  CREATE TYPE "public"."enum_schedule_proposals_proposer_role" AS ENUM('customer', 'provider', 'ops');
  CREATE TYPE "public"."enum_schedule_proposals_status" AS ENUM('open', 'confirmed', 'declined', 'superseded', 'expired');
  CREATE TYPE "public"."enum_reminder_logs_channel" AS ENUM('email', 'sms');
  CREATE TYPE "public"."enum_reminder_logs_status" AS ENUM('pending', 'sent', 'failed', 'suppressed');
  CREATE TYPE "public"."enum_payouts_currency" AS ENUM('USD', 'EUR', 'GBP', 'CAD', 'AUD');
  CREATE TYPE "public"."enum_payouts_method" AS ENUM('stripe', 'manual');
  CREATE TYPE "public"."enum_payouts_status" AS ENUM('pending_review', 'approved', 'capture_pending', 'captured', 'failed', 'rejected');
  CREATE TYPE "public"."enum_audit_events_actor_role" AS ENUM('ops', 'customer', 'provider', 'system');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendNotification');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendNotification');
  CREATE TABLE "users_availability_weekly_hours" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"day" "enum_users_availability_weekly_hours_day" NOT NULL,
  	"start" varchar NOT NULL,
  	"end" varchar NOT NULL
  );
  
  CREATE TABLE "users_availability_blackout_dates" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"date" varchar NOT NULL
  );
  
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"role" "enum_users_role" DEFAULT 'customer',
  	"phone" varchar,
  	"time_zone" varchar DEFAULT 'America/New_York',
  	"calendar_token" varchar,
  	"payment_stripe_customer_id" varchar,
  	"payment_payment_method_id" varchar,
  	"notifications_email" boolean DEFAULT true,
  	"notifications_sms" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "jobs_preferred_windows" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"start" timestamp(3) with time zone NOT NULL,
  	"end" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"description" varchar,
  	"customer_id" integer NOT NULL,
  	"service_address_line1" varchar,
  	"service_address_line2" varchar,
  	"service_address_city" varchar,
  	"service_address_region" varchar,
  	"service_address_postal_code" varchar,
  	"service_address_country" varchar DEFAULT 'US',
  	"time_zone" varchar DEFAULT 'America/New_York',
  	"status" "enum_jobs_status" DEFAULT 'open',
  	"assigned_provider_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "jobs_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "quotes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"job_id" integer NOT NULL,
  	"provider_id" integer NOT NULL,
  	"customer_id" integer,
  	"amount" numeric NOT NULL,
  	"currency" "enum_quotes_currency" DEFAULT 'USD',
  	"message" varchar,
  	"status" "enum_quotes_status" DEFAULT 'pending',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "assignments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"job_id" integer NOT NULL,
  	"quote_id" integer NOT NULL,
  	"customer_id" integer NOT NULL,
  	"provider_id" integer NOT NULL,
  	"status" "enum_assignments_status" DEFAULT 'pending_schedule',
  	"scheduled_start" timestamp(3) with time zone,
  	"scheduled_end" timestamp(3) with time zone,
  	"time_zone" varchar DEFAULT 'America/New_York',
  	"version" numeric DEFAULT 1 NOT NULL,
  	"payout_status" "enum_assignments_payout_status" DEFAULT 'none' NOT NULL,
  	"reminders_overdue" boolean DEFAULT false,
  	"reminders_overdue_flagged_at" timestamp(3) with time zone,
  	"reminders_last_reminder_at" timestamp(3) with time zone,
  	"reminders_completion_nudged_at" timestamp(3) with time zone,
  	"reminders_verification_nudged_at" timestamp(3) with time zone,
  	"timestamps_accepted_at" timestamp(3) with time zone,
  	"timestamps_scheduled_at" timestamp(3) with time zone,
  	"timestamps_provider_completed_at" timestamp(3) with time zone,
  	"timestamps_customer_verified_at" timestamp(3) with time zone,
  	"timestamps_rejected_at" timestamp(3) with time zone,
  	"timestamps_cancelled_at" timestamp(3) with time zone,
  	"timestamps_paid_at" timestamp(3) with time zone,
  	"amount" numeric,
  	"currency" "enum_assignments_currency" DEFAULT 'USD',
  	"calendar_sequence" numeric DEFAULT 0,
  	"payment_payment_intent_id" varchar,
  	"payment_authorized_at" timestamp(3) with time zone,
  	"payment_authorization_expires_at" timestamp(3) with time zone,
  	"payment_expiry_warned_at" timestamp(3) with time zone,
  	"payment_released_at" timestamp(3) with time zone,
  	"rejection_reason" varchar,
  	"dispute_reason" varchar,
  	"completion_checklist" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "schedule_proposals_windows" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"start" timestamp(3) with time zone NOT NULL,
  	"end" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "schedule_proposals" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"assignment_id" integer NOT NULL,
  	"customer_id" integer NOT NULL,
  	"provider_id" integer NOT NULL,
  	"proposed_by_id" integer NOT NULL,
  	"proposer_role" "enum_schedule_proposals_proposer_role" NOT NULL,
  	"time_zone" varchar DEFAULT 'America/New_York',
  	"note" varchar,
  	"status" "enum_schedule_proposals_status" DEFAULT 'open',
  	"confirmed_window_index" numeric,
  	"confirmed_window_start" timestamp(3) with time zone,
  	"confirmed_window_end" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "reminder_logs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"assignment_id" integer,
  	"quote_id" integer,
  	"customer_id" integer,
  	"provider_id" integer,
  	"kind" varchar NOT NULL,
  	"channel" "enum_reminder_logs_channel" NOT NULL,
  	"recipient_id" integer,
  	"recipient_address" varchar,
  	"status" "enum_reminder_logs_status" DEFAULT 'pending',
  	"reason" varchar,
  	"dedupe_key" varchar NOT NULL,
  	"scheduled_for" timestamp(3) with time zone,
  	"attempts" numeric DEFAULT 0,
  	"error" varchar,
  	"sent_at" timestamp(3) with time zone,
  	"planned_start" timestamp(3) with time zone,
  	"next_attempt_at" timestamp(3) with time zone,
  	"claimed_by" varchar,
  	"lease_until" timestamp(3) with time zone,
  	"subject" varchar,
  	"body" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payouts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"reference" varchar NOT NULL,
  	"assignment_id" integer NOT NULL,
  	"customer_id" integer NOT NULL,
  	"provider_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"currency" "enum_payouts_currency" DEFAULT 'USD',
  	"method" "enum_payouts_method" NOT NULL,
  	"status" "enum_payouts_status" NOT NULL,
  	"manual_reason" varchar,
  	"payment_intent_id" varchar,
  	"idempotency_key" varchar,
  	"authorization_expires_at" timestamp(3) with time zone,
  	"attempts" numeric DEFAULT 0,
  	"next_attempt_at" timestamp(3) with time zone,
  	"last_error" varchar,
  	"reviewed_by_id" integer,
  	"reviewed_at" timestamp(3) with time zone,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "audit_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"entity" varchar NOT NULL,
  	"entity_id" varchar NOT NULL,
  	"machine" varchar,
  	"action" varchar NOT NULL,
  	"actor_id" integer,
  	"actor_role" "enum_audit_events_actor_role" NOT NULL,
  	"from_state" varchar,
  	"to_state" varchar,
  	"at" timestamp(3) with time zone NOT NULL,
  	"job_id" integer,
  	"customer_id" integer,
  	"provider_id" integer,
  	"data" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "worker_heartbeats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"worker_id" varchar NOT NULL,
  	"host" varchar,
  	"pid" numeric,
  	"started_at" timestamp(3) with time zone,
  	"beat_at" timestamp(3) with time zone NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer,
  	"jobs_id" integer,
  	"quotes_id" integer,
  	"assignments_id" integer,
  	"schedule_proposals_id" integer,
  	"reminder_logs_id" integer,
  	"payouts_id" integer,
  	"audit_events_id" integer,
  	"worker_heartbeats_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users_availability_weekly_hours" ADD CONSTRAINT "users_availability_weekly_hours_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_availability_blackout_dates" ADD CONSTRAINT "users_availability_blackout_dates_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "jobs_preferred_windows" ADD CONSTRAINT "jobs_preferred_windows_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "jobs" ADD CONSTRAINT "jobs_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "jobs" ADD CONSTRAINT "jobs_assigned_provider_id_users_id_fk" FOREIGN KEY ("assigned_provider_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "jobs_rels" ADD CONSTRAINT "jobs_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "jobs_rels" ADD CONSTRAINT "jobs_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quotes" ADD CONSTRAINT "quotes_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quotes" ADD CONSTRAINT "quotes_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quotes" ADD CONSTRAINT "quotes_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "assignments" ADD CONSTRAINT "assignments_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "assignments" ADD CONSTRAINT "assignments_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "assignments" ADD CONSTRAINT "assignments_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "assignments" ADD CONSTRAINT "assignments_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "schedule_proposals_windows" ADD CONSTRAINT "schedule_proposals_windows_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."schedule_proposals"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "schedule_proposals" ADD CONSTRAINT "schedule_proposals_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "schedule_proposals" ADD CONSTRAINT "schedule_proposals_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "schedule_proposals" ADD CONSTRAINT "schedule_proposals_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "schedule_proposals" ADD CONSTRAINT "schedule_proposals_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminder_logs" ADD CONSTRAINT "reminder_logs_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminder_logs" ADD CONSTRAINT "reminder_logs_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminder_logs" ADD CONSTRAINT "reminder_logs_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminder_logs" ADD CONSTRAINT "reminder_logs_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminder_logs" ADD CONSTRAINT "reminder_logs_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_jobs_fk" FOREIGN KEY ("jobs_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_quotes_fk" FOREIGN KEY ("quotes_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_assignments_fk" FOREIGN KEY ("assignments_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_schedule_proposals_fk" FOREIGN KEY ("schedule_proposals_id") REFERENCES "public"."schedule_proposals"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reminder_logs_fk" FOREIGN KEY ("reminder_logs_id") REFERENCES "public"."reminder_logs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_payouts_fk" FOREIGN KEY ("payouts_id") REFERENCES "public"."payouts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_audit_events_fk" FOREIGN KEY ("audit_events_id") REFERENCES "public"."audit_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_worker_heartbeats_fk" FOREIGN KEY ("worker_heartbeats_id") REFERENCES "public"."worker_heartbeats"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_availability_weekly_hours_order_idx" ON "users_availability_weekly_hours" USING btree ("_order");
  CREATE INDEX "users_availability_weekly_hours_parent_id_idx" ON "users_availability_weekly_hours" USING btree ("_parent_id");
  CREATE INDEX "users_availability_blackout_dates_order_idx" ON "users_availability_blackout_dates" USING btree ("_order");
  CREATE INDEX "users_availability_blackout_dates_parent_id_idx" ON "users_availability_blackout_dates" USING btree ("_parent_id");
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_role_idx" ON "users" USING btree ("role");
  CREATE UNIQUE INDEX "users_calendar_token_idx" ON "users" USING btree ("calendar_token");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "jobs_preferred_windows_order_idx" ON "jobs_preferred_windows" USING btree ("_order");
  CREATE INDEX "jobs_preferred_windows_parent_id_idx" ON "jobs_preferred_windows" USING btree ("_parent_id");
  CREATE INDEX "jobs_customer_idx" ON "jobs" USING btree ("customer_id");
  CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status");
  CREATE INDEX "jobs_assigned_provider_idx" ON "jobs" USING btree ("assigned_provider_id");
  CREATE INDEX "jobs_updated_at_idx" ON "jobs" USING btree ("updated_at");
  CREATE INDEX "jobs_created_at_idx" ON "jobs" USING btree ("created_at");
  CREATE INDEX "jobs_rels_order_idx" ON "jobs_rels" USING btree ("order");
  CREATE INDEX "jobs_rels_parent_idx" ON "jobs_rels" USING btree ("parent_id");
  CREATE INDEX "jobs_rels_path_idx" ON "jobs_rels" USING btree ("path");
  CREATE INDEX "jobs_rels_users_id_idx" ON "jobs_rels" USING btree ("users_id");
  CREATE INDEX "quotes_job_idx" ON "quotes" USING btree ("job_id");
  CREATE INDEX "quotes_provider_idx" ON "quotes" USING btree ("provider_id");
  CREATE INDEX "quotes_customer_idx" ON "quotes" USING btree ("customer_id");
  CREATE INDEX "quotes_status_idx" ON "quotes" USING btree ("status");
  CREATE INDEX "quotes_updated_at_idx" ON "quotes" USING btree ("updated_at");
  CREATE INDEX "quotes_created_at_idx" ON "quotes" USING btree ("created_at");
  CREATE INDEX "status_createdAt_idx" ON "quotes" USING btree ("status","created_at");
  CREATE INDEX "assignments_job_idx" ON "assignments" USING btree ("job_id");
  CREATE UNIQUE INDEX "assignments_quote_idx" ON "assignments" USING btree ("quote_id");
  CREATE INDEX "assignments_customer_idx" ON "assignments" USING btree ("customer_id");
  CREATE INDEX "assignments_provider_idx" ON "assignments" USING btree ("provider_id");
  CREATE INDEX "assignments_status_idx" ON "assignments" USING btree ("status");
  CREATE INDEX "assignments_payout_status_idx" ON "assignments" USING btree ("payout_status");
  CREATE INDEX "assignments_reminders_reminders_overdue_idx" ON "assignments" USING btree ("reminders_overdue");
  CREATE INDEX "assignments_payment_payment_payment_intent_id_idx" ON "assignments" USING btree ("payment_payment_intent_id");
  CREATE INDEX "assignments_updated_at_idx" ON "assignments" USING btree ("updated_at");
  CREATE INDEX "assignments_created_at_idx" ON "assignments" USING btree ("created_at");
  CREATE INDEX "status_scheduledStart_idx" ON "assignments" USING btree ("status","scheduled_start");
  CREATE INDEX "provider_scheduledStart_idx" ON "assignments" USING btree ("provider_id","scheduled_start");
  CREATE INDEX "status_updatedAt_idx" ON "assignments" USING btree ("status","updated_at");
  CREATE INDEX "schedule_proposals_windows_order_idx" ON "schedule_proposals_windows" USING btree ("_order");
  CREATE INDEX "schedule_proposals_windows_parent_id_idx" ON "schedule_proposals_windows" USING btree ("_parent_id");
  CREATE INDEX "schedule_proposals_assignment_idx" ON "schedule_proposals" USING btree ("assignment_id");
  CREATE INDEX "schedule_proposals_customer_idx" ON "schedule_proposals" USING btree ("customer_id");
  CREATE INDEX "schedule_proposals_provider_idx" ON "schedule_proposals" USING btree ("provider_id");
  CREATE INDEX "schedule_proposals_proposed_by_idx" ON "schedule_proposals" USING btree ("proposed_by_id");
  CREATE INDEX "schedule_proposals_status_idx" ON "schedule_proposals" USING btree ("status");
  CREATE INDEX "schedule_proposals_updated_at_idx" ON "schedule_proposals" USING btree ("updated_at");
  CREATE INDEX "schedule_proposals_created_at_idx" ON "schedule_proposals" USING btree ("created_at");
  CREATE INDEX "assignment_status_idx" ON "schedule_proposals" USING btree ("assignment_id","status");
  CREATE INDEX "reminder_logs_assignment_idx" ON "reminder_logs" USING btree ("assignment_id");
  CREATE INDEX "reminder_logs_quote_idx" ON "reminder_logs" USING btree ("quote_id");
  CREATE INDEX "reminder_logs_customer_idx" ON "reminder_logs" USING btree ("customer_id");
  CREATE INDEX "reminder_logs_provider_idx" ON "reminder_logs" USING btree ("provider_id");
  CREATE INDEX "reminder_logs_kind_idx" ON "reminder_logs" USING btree ("kind");
  CREATE INDEX "reminder_logs_recipient_idx" ON "reminder_logs" USING btree ("recipient_id");
  CREATE INDEX "reminder_logs_status_idx" ON "reminder_logs" USING btree ("status");
  CREATE UNIQUE INDEX "reminder_logs_dedupe_key_idx" ON "reminder_logs" USING btree ("dedupe_key");
  CREATE INDEX "reminder_logs_next_attempt_at_idx" ON "reminder_logs" USING btree ("next_attempt_at");
  CREATE INDEX "reminder_logs_updated_at_idx" ON "reminder_logs" USING btree ("updated_at");
  CREATE INDEX "reminder_logs_created_at_idx" ON "reminder_logs" USING btree ("created_at");
  CREATE INDEX "status_scheduledFor_idx" ON "reminder_logs" USING btree ("status","scheduled_for");
  CREATE UNIQUE INDEX "payouts_reference_idx" ON "payouts" USING btree ("reference");
  CREATE UNIQUE INDEX "payouts_assignment_idx" ON "payouts" USING btree ("assignment_id");
  CREATE INDEX "payouts_customer_idx" ON "payouts" USING btree ("customer_id");
  CREATE INDEX "payouts_provider_idx" ON "payouts" USING btree ("provider_id");
  CREATE INDEX "payouts_status_idx" ON "payouts" USING btree ("status");
  CREATE INDEX "payouts_payment_intent_id_idx" ON "payouts" USING btree ("payment_intent_id");
  CREATE UNIQUE INDEX "payouts_idempotency_key_idx" ON "payouts" USING btree ("idempotency_key");
  CREATE INDEX "payouts_reviewed_by_idx" ON "payouts" USING btree ("reviewed_by_id");
  CREATE INDEX "payouts_updated_at_idx" ON "payouts" USING btree ("updated_at");
  CREATE INDEX "payouts_created_at_idx" ON "payouts" USING btree ("created_at");
  CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id");
  CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");
  CREATE INDEX "audit_events_job_idx" ON "audit_events" USING btree ("job_id");
  CREATE INDEX "audit_events_customer_idx" ON "audit_events" USING btree ("customer_id");
  CREATE INDEX "audit_events_provider_idx" ON "audit_events" USING btree ("provider_id");
  CREATE INDEX "audit_events_updated_at_idx" ON "audit_events" USING btree ("updated_at");
  CREATE INDEX "audit_events_created_at_idx" ON "audit_events" USING btree ("created_at");
  CREATE INDEX "entity_entityId_idx" ON "audit_events" USING btree ("entity","entity_id");
  CREATE UNIQUE INDEX "worker_heartbeats_worker_id_idx" ON "worker_heartbeats" USING btree ("worker_id");
  CREATE INDEX "worker_heartbeats_beat_at_idx" ON "worker_heartbeats" USING btree ("beat_at");
  CREATE INDEX "worker_heartbeats_updated_at_idx" ON "worker_heartbeats" USING btree ("updated_at");
  CREATE INDEX "worker_heartbeats_created_at_idx" ON "worker_heartbeats" USING btree ("created_at");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_jobs_id_idx" ON "payload_locked_documents_rels" USING btree ("jobs_id");
  CREATE INDEX "payload_locked_documents_rels_quotes_id_idx" ON "payload_locked_documents_rels" USING btree ("quotes_id");
  CREATE INDEX "payload_locked_documents_rels_assignments_id_idx" ON "payload_locked_documents_rels" USING btree ("assignments_id");
  CREATE INDEX "payload_locked_documents_rels_schedule_proposals_id_idx" ON "payload_locked_documents_rels" USING btree ("schedule_proposals_id");
  CREATE INDEX "payload_locked_documents_rels_reminder_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("reminder_logs_id");
  CREATE INDEX "payload_locked_documents_rels_payouts_id_idx" ON "payload_locked_documents_rels" USING btree ("payouts_id");
  CREATE INDEX "payload_locked_documents_rels_audit_events_id_idx" ON "payload_locked_documents_rels" USING btree ("audit_events_id");
  CREATE INDEX "payload_locked_documents_rels_worker_heartbeats_id_idx" ON "payload_locked_documents_rels" USING btree ("worker_heartbeats_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "users_availability_weekly_hours" CASCADE;
  DROP TABLE "users_availability_blackout_dates" CASCADE;
  DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "jobs_preferred_windows" CASCADE;
  DROP TABLE "jobs" CASCADE;
  DROP TABLE "jobs_rels" CASCADE;
  DROP TABLE "quotes" CASCADE;
  DROP TABLE "assignments" CASCADE;
  DROP TABLE "schedule_proposals_windows" CASCADE;
  DROP TABLE "schedule_proposals" CASCADE;
  DROP TABLE "reminder_logs" CASCADE;
  DROP TABLE "payouts" CASCADE;
  DROP TABLE "audit_events" CASCADE;
  DROP TABLE "worker_heartbeats" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."enum_users_availability_weekly_hours_day";
  DROP TYPE "public"."enum_users_role";
  DROP TYPE "public"."enum_jobs_status";
  DROP TYPE "public"."enum_quotes_currency";
  DROP TYPE "public"."enum_quotes_status";
  DROP TYPE "public"."enum_assignments_status";
  DROP TYPE "public"."enum_assignments_payout_status";
  DROP TYPE "public"."enum_assignments_currency";
  DROP TYPE "public"."enum_schedule_proposals_proposer_role";
  DROP TYPE "public"."enum_schedule_proposals_status";
  DROP TYPE "public"."enum_reminder_logs_channel";
  DROP TYPE "public"."enum_reminder_logs_status";
  DROP TYPE "public"."enum_payouts_currency";
  DROP TYPE "public"."enum_payouts_method";
  DROP TYPE "public"."enum_payouts_status";
  DROP TYPE "public"."enum_audit_events_actor_role";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
