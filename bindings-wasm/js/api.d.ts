// Type declarations shared by peeker-core and peeker-core-native.

export declare const DEFAULT_TOLERANCE_SECONDS: 300;

/** Base class of every error this SDK throws; `code` is stable, `message` is for people. */
export declare class PeekerError extends Error {
  readonly code: string;
}
/** Bad arguments or configuration (`invalid_argument`, ...). */
export declare class ConfigError extends PeekerError {}
/** Input that breaks the API's rules (`invalid_request`); `report` holds every violation. */
export declare class ValidationError extends PeekerError {
  readonly report: Report | null;
}
/** JSON that cannot be canonicalized (`invalid_json`, `duplicate_key`, ...). */
export declare class JsonError extends PeekerError {
  /** 1-based line of the problem, when known. */
  readonly line: number | null;
  /** 1-based column of the problem, when known. */
  readonly column: number | null;
}
/** A webhook delivery that is not authentic or cannot be read (`signature_mismatch`, ...). */
export declare class WebhookError extends PeekerError {}
/** A bug in the SDK itself (`internal_error`). */
export declare class InternalError extends PeekerError {}

/** A raw request body: exactly the bytes received, or the text they decode to. */
export type Body = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Request headers as a framework hands them over. */
export type HeadersInput =
  | { forEach(callback: (value: string, name: string) => void): void }
  | Map<string, string | readonly string[]>
  | ReadonlyArray<readonly [string, string]>
  | Record<string, string | readonly string[] | undefined>;

export interface VerifyOptions {
  /** Unix seconds; defaults to the host clock. */
  now?: number;
  /** Allowed distance between the signed timestamp and `now`, in seconds (default 300). */
  tolerance?: number;
}

export interface Verified {
  /** The signed Unix timestamp. */
  timestamp: number;
  /** `Peeker-Event-Id`, when present: dedupe deliveries on it. */
  eventId: string | null;
}

/** RFC 8785 canonical form of a JSON text. Throws JsonError. */
export declare function canonicalize(json: string): string;

/** The `Peeker-Signature` header value (`v1=<hex>`) for a body signed at `timestamp`. */
export declare function signWebhook(secret: string, timestamp: number, body: Body): string;

/** Verifies a delivery from its raw body and headers. Throws WebhookError or ConfigError. */
export declare function verifyWebhook(
  body: Body,
  headers: HeadersInput,
  secrets: string | readonly string[],
  options?: VerifyOptions,
): Verified;

/** A violation's place is a JSON-path-like `path` into the validated object. */
export interface Violation {
  /** Stable code, e.g. `invalid_email`, `domain_count_mismatch`. */
  code: string;
  /** `""` for the whole object, else like `personas[2].profile_picture_url`. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Every violation found; `valid` is false when any has severity `error`. */
export interface Report {
  valid: boolean;
  violations: Violation[];
}

/** Domains an order needs, per provider. */
export interface RequiredDomains {
  google: number;
  microsoft: number;
  total: number;
}

/** One row of `POST /domains/availability`. */
export interface AvailabilityRow {
  domain: string;
  available: boolean;
  price_cents?: number | null;
  renewal_price_cents?: number | null;
  currency?: string | null;
  usable_for: Array<'google' | 'microsoft' | string>;
  premium: boolean;
  reason?: 'taken' | 'premium' | 'invalid' | 'errored' | 'stale' | string | null;
  [field: string]: unknown;
}

/** What the order validator may know besides the order. */
export interface OrderContext {
  /** The bundle (its `required_domains`, or the fields to estimate them). */
  bundle?: Record<string, unknown> | null;
  /** Availability rows for the picked domains, or a whole availability response. */
  availability?: AvailabilityRow[] | { domains: AvailabilityRow[] } | null;
}

/** Which picked domains serve which provider, and what is still missing. */
export interface Plan {
  google: string[];
  microsoft: string[];
  missing: RequiredDomains;
  unusable: Array<{ domain: string; reason: string }>;
}

export interface DedupeWindow {
  /** Whether a retry now is still answered with the original order. */
  inside: boolean;
  /** Unix seconds when the same body starts placing a new order. */
  expiresAt: number;
  remainingSeconds: number;
}

/** A webhook event: the envelope, with `data` typed by `kind`. */
export interface PeekerEvent {
  id: string;
  type: string;
  created_at: string | null;
  /** The data's family: `order` (for `order.completed` the full order), `domain`, `domain_import`, `swap`, or `unknown`. */
  kind: 'order' | 'domain' | 'domain_import' | 'swap' | 'unknown';
  data: Record<string, unknown>;
  /** Envelope members this SDK does not know. */
  extra: Record<string, unknown>;
}

/** Every violation of an order body (never throws for bad content). */
export declare function validateOrder(order: unknown, context?: OrderContext): Report;
export declare function validateBundle(input: unknown): Report;
export declare function validateBundlePatch(input: unknown): Report;
export declare function validateUser(input: unknown): Report;
export declare function validateUserPatch(input: unknown): Report;
export declare function validateAvailabilityLookup(input: unknown): Report;
export declare function validateImport(input: unknown, options?: { job?: boolean }): Report;
export declare function validateForwarding(input: unknown): Report;
export declare function validateSwap(input: unknown): Report;
export declare function validateUserNameSwap(input: unknown): Report;
export declare function validateCancellation(input: unknown): Report;

/** Peeker's sizing for bundle fields. Throws ValidationError for invalid fields. */
export declare function estimateRequiredDomains(params: Record<string, unknown>): RequiredDomains;
/** Assigns picked domains to Microsoft first, then Google. */
export declare function planDomains(required: RequiredDomains, domains: string[], availability: AvailabilityRow[] | { domains: AvailabilityRow[] }): Plan;

/** The exact bytes to POST for an order (normalized, RFC 8785). */
export declare function orderBody(order: Record<string, unknown>): Uint8Array;
/** Lowercase hex SHA-256 of a body. */
export declare function dedupeKey(body: Body): string;
/** Whether a retry at `now` (default: the clock) is still deduplicated against the first attempt. */
export declare function dedupeWindow(firstSentAt: number, now?: number): DedupeWindow;

/** Verifies a delivery, then parses it. Throws WebhookError or ConfigError. */
export declare function constructEvent(
  body: Body,
  headers: HeadersInput,
  secrets: string | readonly string[],
  options?: VerifyOptions,
): PeekerEvent;
/** Parses an event body WITHOUT verifying it: only for bodies verified elsewhere. */
export declare function parseEvent(body: Body): PeekerEvent;
