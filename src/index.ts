/**
 * The `api-contracts` library: response validation against the vendored specs, the errors clients
 * throw, exact money helpers, redaction, and the classified OpenAPI diff. Each API's types and
 * client factory are imported from `api-contracts/<api>`.
 */

export type { ApiId } from "../generated/index.js";
export { apiIds } from "../generated/index.js";
export { UnknownShapeError } from "./codegen/validators/unknown-shape-error.js";
export { ContractCaseError, ContractSetupError } from "./contract/contract-errors.js";
export { ApiConfigError } from "./contract/semantics/config-shape.js";
export { PrismNotInstalledError, PrismStartError } from "./contract/targets/prism-start-error.js";
export {
  ExternalRefError,
  type ExternalRefProblem,
  UnsupportedVersionError,
} from "./document/document-errors.js";
export type { Change, ChangeLevel, FailOn } from "./drift/change.js";
export { diffDocuments } from "./drift/diff-documents.js";
export {
  applyPolicy,
  type DiffPolicy,
  type IgnoreEntry,
  IgnoreFileError,
  parseDiffPolicy,
} from "./drift/diff-policy.js";
export { UpstreamUnavailableError } from "./drift/fetch-upstream.js";
export {
  ApiContractsError,
  CheckFailedError,
  MissingToolError,
  SpecError,
  StrictWarningsError,
  UnknownApiError,
  UsageError,
} from "./errors.js";
export { CannotGenerate } from "./generate/cannot-generate.js";
export {
  ClientOptionsError,
  ConnectionRefusedError,
  ConnectionResetError,
  DnsLookupError,
  NetworkError,
  type NetworkFailure,
  PaginationError,
  RedirectNotFollowedError,
  RequestError,
  RequestTimeoutError,
  ResponseTooLargeError,
  ResponseTruncatedError,
  TlsError,
} from "./runtime/client/client-errors.js";
export type { ApiClient, ApiClientOptions } from "./runtime/client/create-api-client.js";
export { ParameterError } from "./runtime/client/parameter-serializers.js";
export type { RecordOptions } from "./runtime/client/record-exchange.js";
export { ContractViolationError } from "./runtime/contract-violation-error.js";
export {
  type RecordingLimit,
  RecordingLimitError,
  RecordingReadError,
  RedactionRulesError,
} from "./runtime/har/recording-errors.js";
export { type ApiRecording, readRecordings } from "./runtime/har/recording-store.js";
export { loadRedactionRules, type RedactionRules } from "./runtime/har/redaction-rules.js";
export {
  addMoney,
  compareMoney,
  formatGcoreAmount,
  formatMoney,
  isGcoreAmount,
  type Money,
  MoneyFormatError,
  type MoneyInput,
  moneyEquals,
  parseMoney,
  subtractMoney,
  sumMoney,
} from "./runtime/money.js";
export type {
  ApiIndex,
  OperationSpec,
  PaginationSpec,
  ParameterSpec,
} from "./runtime/operation-index.js";
export { redactHeaders, redactHeaderValue, redactSecrets } from "./runtime/redact.js";
export {
  InvalidStatusError,
  UndocumentedStatusError,
  UnknownOperationError,
} from "./runtime/validate/operation-lookup-errors.js";
export type {
  ResponseInput,
  ValidationResult,
  Violation,
} from "./runtime/validate/types.js";
export {
  loadResponseValidator,
  type ResponseValidator,
  validateResponse,
} from "./validate/validate-response.js";
