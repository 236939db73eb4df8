CREATE TABLE "policy_adoptions" (
	"policy_version" text PRIMARY KEY NOT NULL,
	"adopted_by" text NOT NULL,
	"document_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"effective_from" date NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "qualifications" text[];