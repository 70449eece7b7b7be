// Guidance answers: "what must I do?" questions answered from the shipped guidance pack and the
// council's own documents, offline. Build the index once at start-up with loadGuidanceIndex().

export { GuidanceIndex, loadGuidanceIndex, DEFAULT_MIN_CONFIDENCE, DEFAULT_MIN_EVIDENCE } from './search';
export type { GuidanceIndexOptions, LoadGuidanceIndexOptions, RankedHit } from './search';
export { loadGuidancePack, validatePack, uncoveredRuleIds, GuidancePackError } from './pack';
export { loadCouncilDocs, COUNCIL_DOC_EXTENSIONS } from './councilDocs';
export type { CouncilDocsResult, CouncilDocProblem } from './councilDocs';
export { evaluateGuidance, evaluateFacts, answerText } from './evaluate';
export type { EvaluationReport, LabelledQuestion, FactQuestion, FactReport, FactSet, NearMissQuestion } from './evaluate';
export type { CouncilPassage, CouncilSource, GuidanceAnswer, GuidanceAnswerPart, GuidanceEntry, GuidanceSource, GuidanceStep, TopicRef } from './types';
