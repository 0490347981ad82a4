// Browsers, bundlers and edge runtimes: the module instantiates the
// WebAssembly itself, so importers need no init call.
import init, * as raw from './web/peeker_core_wasm.js';
import { bind } from './api.mjs';

await init({ module_or_path: new URL('./web/peeker_core_wasm_bg.wasm', import.meta.url) });

export { DEFAULT_TOLERANCE_SECONDS, PeekerError, ConfigError, JsonError, WebhookError, InternalError } from './api.mjs';
export const { canonicalize, signWebhook, verifyWebhook } = bind(raw);
