// Node (ESM): the CommonJS build re-exported, so both share one set of error classes.
import cjs from './node.cjs';

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
