CREATE TABLE "assessments" (
	"case_id" text NOT NULL,
	"support_year" integer NOT NULL,
	"program" text NOT NULL,
	"policy_version" text NOT NULL,
	"eligible" boolean NOT NULL,
	"amount_fen" bigint NOT NULL,
	"result" jsonb NOT NULL,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_case_id_support_year_pk" PRIMARY KEY("case_id","support_year")
);
--> statement-breakpoint
CREATE TABLE "awards" (
	"case_id" text NOT NULL,
	"support_year" integer NOT NULL,
	"component" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"program" text NOT NULL,
	"policy_version" text NOT NULL,
	"cost_category" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "awards_case_id_support_year_component_pk" PRIMARY KEY("case_id","support_year","component")
);
--> statement-breakpoint
CREATE TABLE "other_policy_awards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"policy_name" text NOT NULL,
	"document_number" text NOT NULL,
	"cost_category" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text
);
--> statement-breakpoint
ALTER TABLE "other_policy_awards" ADD CONSTRAINT "other_policy_awards_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "awards_enterprise_idx" ON "awards" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "other_policy_awards_enterprise_idx" ON "other_policy_awards" USING btree ("enterprise_id");