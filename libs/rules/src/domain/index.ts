export * from './rule-set.js';
export * from './evaluation.js';
export { DEFAULT_RULE_SET } from './default-rule-set.js';
export { evaluatePayment, type EvaluatePaymentInput } from './evaluate-payment.js';
export {
  validateRuleSetDefinition,
  type RuleSetValidationError,
  type RuleSetValidationResult,
} from './validate-rule-set.js';
export {
  mapKycLevel,
  payerNexus,
  resolveTier,
  type Nexus,
  type NexusKind,
  type TierResolution,
} from './jurisdiction.rule.js';
export { kycRuleId, STATIC_QR_RULE_ID } from './kyc-limits.rule.js';
