// Computes a case's amount through the pure rules module, under the case's own
// policy version, and returns the explanation with it.
import { evaluate } from '../rules/index.js';
import type { EvaluationResult } from '../rules/index.js';

export interface AssessmentRequest {
  program: string;
  submittedOn: string;
  policyVersion: string;
  supportYear: number;
  registeredInDistrict: boolean;
  qualifications: string[];
  facts: Record<string, number | boolean>;
}

export function createAssessmentActivities() {
  return {
    async assessAmount(request: AssessmentRequest): Promise<EvaluationResult> {
      return evaluate({
        program: request.program,
        submittedOn: request.submittedOn,
        policyVersion: request.policyVersion,
        supportYear: request.supportYear,
        applicant: {
          registeredInDistrict: request.registeredInDistrict,
          blacklisted: false,
          qualifications: request.qualifications,
          priorAwards: [],
        },
        facts: request.facts,
      } as Parameters<typeof evaluate>[0]);
    },
  };
}
