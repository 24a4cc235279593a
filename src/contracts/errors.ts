/** Stable codes of refused decisions: the workflow's validators and the gateway share them. Workflow-safe. */

/** Every code a refused decision can carry (the ApplicationFailure's type). */
export const DECISION_ERROR_CODES = [
  'CASE_CLOSED',
  'WRONG_STEP',
  'FORBIDDEN_ROLE',
  'OUT_OF_SCOPE',
  'NOT_A_COUNCIL_MEMBER',
  'COI_AUTHOR_MAY_NOT_SCORE',
  'COI_CHAIRMAN_AUTHOR_STATE_FUNDED',
  'ALREADY_SCORED',
  'SCORE_ABOVE_MAXIMUM',
  'SCORE_MISSING_CRITERION',
  'SCORE_UNKNOWN_CRITERION',
  'SCORE_NOT_A_NUMBER',
  'REASONS_REQUIRED',
  'INVALID_INPUT',
  'APPLICATION_NOT_CONFIRMED',
  'SHARES_NOT_100',
  'TIME_BARRED',
  'SCORES_INCOMPLETE',
  'TRACKING_NOT_FINISHED',
  'COUNCIL_DID_NOT_RECOMMEND',
  'APPEAL_NOT_ALLOWED',
  'ALREADY_DESIGNATED',
  'NO_DEADLINE',
  'CALENDAR_GAP',
  'ATTACHMENT_NOT_FOUND',
  'ATTACHMENT_ALREADY_REPLACED',
  'ATTACHMENT_DUPLICATE',
] as const;
/** A stable code of a refused decision. */
export type DecisionErrorCode = (typeof DECISION_ERROR_CODES)[number];

/** HTTP status the gateway answers for each code. */
export function httpStatusFor(code: DecisionErrorCode): number {
  switch (code) {
    case 'FORBIDDEN_ROLE':
    case 'OUT_OF_SCOPE':
    case 'NOT_A_COUNCIL_MEMBER':
    case 'COI_AUTHOR_MAY_NOT_SCORE':
    case 'COI_CHAIRMAN_AUTHOR_STATE_FUNDED':
      return 403;
    case 'CASE_CLOSED':
    case 'WRONG_STEP':
    case 'ALREADY_SCORED':
    case 'ALREADY_DESIGNATED':
    case 'SCORES_INCOMPLETE':
    case 'TRACKING_NOT_FINISHED':
    case 'COUNCIL_DID_NOT_RECOMMEND':
    case 'APPEAL_NOT_ALLOWED':
    case 'NO_DEADLINE':
    case 'ATTACHMENT_ALREADY_REPLACED':
    case 'ATTACHMENT_DUPLICATE':
      return 409;
    case 'ATTACHMENT_NOT_FOUND':
      return 404;
    default:
      return 422;
  }
}
