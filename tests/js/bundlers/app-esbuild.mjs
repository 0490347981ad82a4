// The page's entry for esbuild (--loader:.wasm=file): esbuild does not emit files a
// module names with `new URL(..., import.meta.url)`, so the page imports the .wasm files.
import full from 'peeker-core/peeker_core_wasm_bg.wasm';
import form from 'peeker-core/peeker_core_form_bg.wasm';
import { check } from './checks.mjs';

check({ full: new URL(full, import.meta.url), form: new URL(form, import.meta.url) });
