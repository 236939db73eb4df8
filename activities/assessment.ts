// Computes a case's amount through the pure rules module, under the case's own
// policy version, and returns the explanation with it.
import { evaluate } from '../rules/index.js';
import type { EvaluationResult, Facts, ProgramCode, Qualification } from '../rules/index.js';

export interface AssessmentRequest {
  program: ProgramCode;
  submittedOn: string;
  policyVersion: string;
  supportYear: number;
  registeredInDistrict: boolean;
  qualifications: Qualification[];
  facts: Facts;
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
      });
    },
  };
}
