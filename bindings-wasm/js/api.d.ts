// Type declarations shared by peeker-core and peeker-core-native.

export declare const DEFAULT_TOLERANCE_SECONDS: 300;
/** The version of the Rust core inside this package. */
export declare const VERSION: string;

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
/** An error answer of the Peeker API: `code` is Peeker's own (`rate_limited`, ...) or `unexpected_response`. */
export declare class ApiError extends PeekerError {
  readonly status: number | null;
  /** The request field at fault (`invalid_request`). */
  readonly field: string | null;
  readonly details: Record<string, unknown> | null;
  /** `Peeker-Request-Id`: quote it to Peeker support. */
  readonly requestId: string | null;
  readonly retryAfterSeconds: number | null;
}
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

/** Members the SDK does not know yet are kept as sent. */
interface Open {
  [field: string]: unknown;
}
export type OrderStatus = 'in_progress' | 'completed' | 'failed' | 'action_required' | 'cancel_scheduled' | 'cancelled' | (string & {});
export interface Persona extends Open {
  first_name?: string | null;
  last_name?: string | null;
  profile_picture_url?: string | null;
}
export interface Order extends Open {
  id: string;
  user_id?: string | null;
  email?: string | null;
  bundle_id?: string | null;
  status?: OrderStatus | null;
  domain_count?: number | null;
  costs?: (Open & {
    total_cents?: number | null;
    currency?: string | null;
    line_items?: Array<Open & { type: string; quantity?: number | null; amount_cents?: number | null }>;
  }) | null;
  domains?: (Open & { registered?: unknown[]; imported?: unknown[] }) | null;
  personas?: Persona[];
  renews_at?: string | null;
  created_at?: string | null;
}
export interface User extends Open {
  id: string;
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  status?: string | null;
  sequencer?: (Open & { provider?: string | null; client_id?: number | null }) | null;
  created_at?: string | null;
}
export interface Bundle extends Open {
  id: string;
  name?: string | null;
  monthly_sending_volume?: number | null;
  google_percent?: number | null;
  microsoft_percent?: number | null;
  send_on_weekends?: boolean | null;
  google_inboxes_per_domain?: number | null;
  status?: string | null;
  effective?: { google_percent?: number | null; microsoft_percent?: number | null } | null;
  required_domains?: RequiredDomains | null;
  created_at?: string | null;
}
export interface Domain extends Open {
  id: string;
  domain: string;
  category?: string | null;
  status?: string | null;
  provider?: string | null;
  user_id?: string | null;
  order_id?: string | null;
  usable_for?: string[];
  forwarding_url?: string | null;
  created_at?: string | null;
}
export interface ImportJob extends Open {
  id: string;
  status?: string | null;
  domains?: unknown[];
  nameserver_groups?: Array<Open & { nameservers?: string[]; domains?: string[] }>;
  created_at?: string | null;
}
export interface ForwardingJob extends Open {
  id: string;
  status?: 'in_progress' | 'completed' | 'partial_success' | 'failed' | (string & {}) | null;
  completed_count?: number | null;
  failed_count?: number | null;
  forwarding_url?: string | null;
  completed?: string[];
  failed?: Array<Open & { domain: string; reason?: string | null }>;
  created_at?: string | null;
  completed_at?: string | null;
}
export interface Swap extends Open {
  id: string;
  type?: string | null;
  domain_id?: string | null;
  replacement_domain?: string | null;
  status?: string | null;
  created_at?: string | null;
}
export interface PendingAction extends Open {
  id: string;
  type?: string | null;
  reason?: string | null;
  status?: string | null;
  domain_id?: string | null;
  domain?: string | null;
  user?: Persona | null;
  message?: string | null;
  created_at?: string | null;
}
export interface Page<T> {
  data: T[];
  links: { first?: string | null; next?: string | null };
  meta: { path?: string | null; per_page?: number | null; returned?: number | null };
}
export interface Me extends Open {
  api_key: Open & { environment?: string | null; permission_preset?: string | null };
  partner: Open & { id?: string | null; name?: string | null };
}

/** What each operation's response `data` is. */
export interface OperationData {
  get_me: Me;
  create_user: User;
  list_users: Page<User>;
  get_user: User;
  update_user: User;
  delete_user: User | null;
  create_bundle: Bundle;
  list_bundles: Page<Bundle>;
  get_bundle: Bundle;
  update_bundle: Bundle;
  delete_bundle: Bundle | null;
  list_domains: Page<Domain>;
  check_availability: Open & { domains: AvailabilityRow[] };
  import_domains: ImportJob;
  import_domains_job: ImportJob;
  get_import: ImportJob;
  get_import_job: ImportJob;
  find_imports: ImportJob[];
  update_forwarding: ForwardingJob;
  get_forwarding_job: ForwardingJob;
  create_order: Order;
  list_orders: Page<Order>;
  get_order: Order;
  list_pending_actions: Page<PendingAction>;
  cancel_order: Open & { id: string; status?: OrderStatus | null; cancellation_scheduled_at?: string | null; cancels_at?: string | null; domains?: unknown[] };
  create_swap: Swap;
  list_swaps: Page<Swap>;
  get_swap: Swap;
  swap_user_names: Open & { swaps: Swap[] };
}
export type Operation = keyof OperationData;

/** A parsed success response. */
export interface ApiResponse<T> {
  status: number;
  requestId: string | null;
  data: T;
}

interface EventBase {
  id: string;
  type: string;
  created_at: string | null;
  /** Envelope members this SDK does not know. */
  extra: Record<string, unknown>;
}
/**
 * A webhook event, `data` typed by `kind`: `order` (for `order.completed`
 * the full order), `domain`, `domain_import`, `swap`, or `unknown` (raw data).
 */
export type PeekerEvent =
  | (EventBase & { kind: 'order'; data: Order })
  | (EventBase & { kind: 'domain'; data: Domain })
  | (EventBase & { kind: 'domain_import'; data: ImportJob })
  | (EventBase & { kind: 'swap'; data: Swap })
  | (EventBase & { kind: 'unknown'; data: unknown });

/** A request to send with any HTTP client; printing it redacts the API key and the body. */
export declare class PeekerRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The exact body text (JSON), or null. */
  readonly body: string | null;
  toJSON(): object;
}

/** Query options of list endpoints: filters of the contract (spec/openapi.yaml) plus `per_page` (1..100) and `page_token`. */
export type Query = Record<string, string | number | boolean | null | undefined>;
type Json = Record<string, unknown>;

/** The API key and options, with one request builder per endpoint. Builders validate first (ValidationError). */
export declare class Client {
  /** `[[builder name, [argument names], batch], ...]` as the core defines them (batch: returns an array). */
  static readonly BUILDERS: ReadonlyArray<readonly [string, readonly string[], boolean]>;
  /** Throws ConfigError (`invalid_api_key`, `invalid_base_url`). `userAgent` defaults to the runtime; null adds nothing. */
  constructor(apiKey: string, options?: { baseUrl?: string | null; userAgent?: string | null });
  readonly environment: 'live' | 'test';
  getMe(): PeekerRequest;
  createUser(body: Json): PeekerRequest;
  listUsers(query?: Query | null): PeekerRequest;
  getUser(id: string): PeekerRequest;
  updateUser(id: string, body: Json): PeekerRequest;
  deleteUser(id: string): PeekerRequest;
  createBundle(body: Json): PeekerRequest;
  listBundles(query?: Query | null): PeekerRequest;
  getBundle(id: string): PeekerRequest;
  updateBundle(id: string, body: Json): PeekerRequest;
  deleteBundle(id: string): PeekerRequest;
  listDomains(query?: Query | null): PeekerRequest;
  /** One request per 50 names. */
  checkAvailability(domains: string[]): PeekerRequest[];
  /** One request per 25 domains. */
  importDomains(domains: string[]): PeekerRequest[];
  /** One request per 500 domains. */
  importDomainsJob(domains: string[]): PeekerRequest[];
  getImport(id: string): PeekerRequest;
  getImportJob(id: string): PeekerRequest;
  findImports(domains: string[]): PeekerRequest;
  /** One request per 25 domains (`dom_` ids or names). */
  updateForwarding(domains: string[], forwardingUrl: string): PeekerRequest[];
  getForwardingJob(id: string): PeekerRequest;
  /** The body is exactly `orderBody(order)`: resending it within 24 h returns the original order. */
  createOrder(order: Json, context?: OrderContext | null): PeekerRequest;
  listOrders(query?: Query | null): PeekerRequest;
  getOrder(id: string): PeekerRequest;
  listPendingActions(query?: Query | null): PeekerRequest;
  cancelOrder(id: string, body?: { domains: string[] } | null): PeekerRequest;
  createSwap(body: Json): PeekerRequest;
  listSwaps(query?: Query | null): PeekerRequest;
  getSwap(id: string): PeekerRequest;
  swapUserNames(body: Json): PeekerRequest;
  /** A GET for a list response's `links.next` (same origin and base path only). */
  nextPage(linksNext: string): PeekerRequest;
}

/** Parses a response to `operation`; throws ApiError for error answers. */
export declare function parseResponse<O extends Operation>(
  operation: O,
  status: number,
  headers: HeadersInput,
  body: Body,
): ApiResponse<OperationData[O]>;

export interface RetryAdvice {
  retry: boolean;
  delayMs: number;
  reason: string;
  message: string;
}
/** Whether and when to retry a failed call; `jitter` (0..1) defaults to Math.random(). */
export declare function retryAdvice(
  operation: Operation,
  failure: 'network' | { status: number; retry_after_seconds?: number | null },
  options?: { attempt?: number; jitter?: number; dedupe?: { first_sent_at: number; now: number } | null },
): RetryAdvice;

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
