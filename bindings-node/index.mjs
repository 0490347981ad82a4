// ESM entry: the CommonJS module re-exported, so both share one set of error classes.
import cjs from './index.cjs';

export const {
  DEFAULT_TOLERANCE_SECONDS,
  PeekerError,
  ConfigError,
  JsonError,
  WebhookError,
  InternalError,
  canonicalize,
  signWebhook,
  verifyWebhook,
} = cjs;
