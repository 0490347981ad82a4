// Type declarations shared by peeker-core and peeker-core-native.

export declare const DEFAULT_TOLERANCE_SECONDS: 300;

/** Base class of every error this SDK throws; `code` is stable, `message` is for people. */
export declare class PeekerError extends Error {
  readonly code: string;
}
/** Bad arguments or configuration (`invalid_argument`, ...). */
export declare class ConfigError extends PeekerError {}
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
