CREATE TABLE "annual_notices" (
	"year" integer PRIMARY KEY NOT NULL,
	"application_opens_on" date NOT NULL,
	"application_closes_on" date NOT NULL,
	"reporting_opens_on" date NOT NULL,
	"reporting_closes_on" date NOT NULL,
	"programs" jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_key" text NOT NULL,
	"case_id" text,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_reservations" (
	"case_id" text NOT NULL,
	"support_year" integer NOT NULL,
	"program" text NOT NULL,
	"budget_year" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"over_budget_reason" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_reservations_case_id_support_year_pk" PRIMARY KEY("case_id","support_year")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"program" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"policy_version" text NOT NULL,
	"notice_year" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"stage" text NOT NULL,
	"status" text NOT NULL,
	"support_year" integer DEFAULT 1 NOT NULL,
	"requested_facts" jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"maximum_amount_fen" bigint,
	"approved_amount_fen" bigint,
	"closed_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"organisation" text NOT NULL,
	"registered_in_district" boolean DEFAULT true NOT NULL,
	"blacklisted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_key" text NOT NULL,
	"case_id" text,
	"task_id" text,
	"recipient_role" text,
	"recipient_user" text,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_seats" (
	"case_id" text NOT NULL,
	"expert_id" text NOT NULL,
	"seat" integer NOT NULL,
	"status" text NOT NULL,
	"scores" jsonb,
	"total_points" integer,
	"panel_closed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_seats_case_id_expert_id_pk" PRIMARY KEY("case_id","expert_id")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_key" text NOT NULL,
	"case_id" text NOT NULL,
	"program" text NOT NULL,
	"notice_year" integer NOT NULL,
	"support_year" integer NOT NULL,
	"component" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"reference" text,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	"settled_by" text
);
--> statement-breakpoint
CREATE TABLE "recoveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recovery_key" text NOT NULL,
	"case_id" text NOT NULL,
	"support_year" integer NOT NULL,
	"component" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"grounds" text NOT NULL,
	"status" text NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	"settled_by" text
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"stage" text NOT NULL,
	"program" text NOT NULL,
	"role" text NOT NULL,
	"assignee" text,
	"subject" text,
	"status" text NOT NULL,
	"due_at" timestamp with time zone,
	"escalation" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"outcome" jsonb
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"enterprise_id" text,
	"organisation" text,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"related_enterprise_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "yearly_reports" (
	"case_id" text NOT NULL,
	"support_year" integer NOT NULL,
	"status" text NOT NULL,
	"due_on" date NOT NULL,
	"facts" jsonb,
	"verified_facts" jsonb,
	"reason" text,
	"submitted_at" timestamp with time zone,
	"verified_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "yearly_reports_case_id_support_year_pk" PRIMARY KEY("case_id","support_year")
);
--> statement-breakpoint
ALTER TABLE "budget_reservations" ADD CONSTRAINT "budget_reservations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_seats" ADD CONSTRAINT "panel_seats_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recoveries" ADD CONSTRAINT "recoveries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "yearly_reports" ADD CONSTRAINT "yearly_reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_event_key_uq" ON "audit_log" USING btree ("event_key");--> statement-breakpoint
CREATE INDEX "audit_log_case_idx" ON "audit_log" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "budget_reservations_program_year_idx" ON "budget_reservations" USING btree ("program","budget_year");--> statement-breakpoint
CREATE INDEX "cases_program_stage_idx" ON "cases" USING btree ("program","stage");--> statement-breakpoint
CREATE INDEX "cases_enterprise_idx" ON "cases" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "cases_year_idx" ON "cases" USING btree ("notice_year");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_key_uq" ON "notifications" USING btree ("event_key");--> statement-breakpoint
CREATE INDEX "panel_seats_expert_idx" ON "panel_seats" USING btree ("expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_key_uq" ON "payments" USING btree ("payment_key");--> statement-breakpoint
CREATE INDEX "payments_case_idx" ON "payments" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recoveries_key_uq" ON "recoveries" USING btree ("recovery_key");--> statement-breakpoint
CREATE INDEX "recoveries_case_idx" ON "recoveries" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "tasks_open_role_idx" ON "tasks" USING btree ("role","due_at","id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_open_role_program_idx" ON "tasks" USING btree ("role","program","due_at","id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_open_assignee_idx" ON "tasks" USING btree ("assignee","due_at","id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_case_idx" ON "tasks" USING btree ("case_id");