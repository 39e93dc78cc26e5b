export { Fengqiao, responseOf, uuid, type ClientOptions, type Credential, type ResponseMeta } from "./client.js";
export {
  ApiError,
  AuthenticationError,
  CapacityFullError,
  ConflictError,
  ConnectionError,
  FengqiaoError,
  InvalidTransitionError,
  NotFoundError,
  PermissionError,
  PreconditionError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  type FieldError,
} from "./errors.js";
export { Page, PageRequest, type PageBody } from "./pagination.js";
export { isRetryable, retryDelay } from "./retry.js";
export { fetchTransport, type FetchLike, type Transport, type TransportRequest, type TransportResponse } from "./transport.js";
export type { Body, Input, Item, OperationId, PathParams, QueryParams, RequestOptions, Result, Schema, Schemas } from "./types.js";
export { wxTransport, type WxLike } from "./wx.js";
export { OfflineQueue, indexedDbStorage, localStorageStorage, memoryStorage, type QueuedItem, type QueueStorage, type QueueState } from "./offline.js";
export { verifyWebhook, WebhookVerificationError } from "./webhooks.js";
export * as resources from "./resources/index.js";
