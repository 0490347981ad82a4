// The package's Cloudflare Workers entry in workerd, the Workers runtime (npm
// `workerd`): a Worker is bundled the way wrangler bundles one (esbuild with the
// `workerd` condition, the .wasm imported as a compiled module), then runs every
// shared vector case and verifies webhook deliveries posted to it. With the hooked builds
// (PEEKER_TEST_HOOKS=1, the wasm-node line), a second Worker compares the full module's
// IDNA with the reference build's `idna` (tests/js/workerd/idna.mjs).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { build } from 'esbuild';

import { signWebhook } from '../pkg/node.mjs';
import { ROOT, serveRepository } from '../../tests/js/serve.mjs';

const DIR = join(ROOT, 'target/workerd');
const IDNA = existsSync(join(ROOT, 'target/wasm-hooks/web/peeker_core_idna.js'));
const SECRET = 'whsec_worker_test_51ab';
const ORDER_ID = 'ord_01HZX0WORKER0000000000000';
const BODY = JSON.stringify({
  id: 'evt_worker_1', type: 'order.completed', created_at: '2026-05-08T12:00:00Z',
  data: { id: ORDER_ID, status: 'completed', email: 'client@example.com' },
});

const freePort = () =>
  new Promise((ok) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });

/** The Workers bundled as wrangler does (with the README's Worker example); returns each bundle's .wasm file names. */
async function bundle() {
  await rm(DIR, { recursive: true, force: true });
  await mkdir(join(DIR, 'node_modules'), { recursive: true });
  await symlink(join(ROOT, 'bindings-wasm/pkg'), join(DIR, 'node_modules/peeker-core'));
  const readme = await readFile(join(ROOT, 'bindings-wasm/npm/README.md'), 'utf8');
  const example = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]).find((block) => block.includes('export default {'));
  await writeFile(join(DIR, 'readme-worker.ts'), example);
  const result = await build({
    entryPoints: [join(ROOT, 'tests/js/workerd/worker.mjs'), ...(IDNA ? [join(ROOT, 'tests/js/workerd/idna.mjs')] : [])],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    nodePaths: [join(DIR, 'node_modules')],
    alias: { 'readme-worker': join(DIR, 'readme-worker.ts') },
    loader: { '.wasm': 'copy' },
    entryNames: '[name]',
    assetNames: '[name]-[hash]',
    outdir: DIR,
    metafile: true,
    logLevel: 'warning',
  });
  const wasmOf = (script) => Object.entries(result.metafile.outputs)
    .filter(([file]) => basename(file) === script)
    .flatMap(([, output]) => output.imports.map((imported) => basename(imported.path)).filter((file) => file.endsWith('.wasm')));
  return { script: 'worker.js', wasm: wasmOf('worker.js'), idna: IDNA ? wasmOf('idna.js') : null };
}

const modules = (script, wasm) => [
  `        (name = "${script}", esModule = embed "${script}"),`,
  ...wasm.map((file) => `        (name = "${file}", wasm = embed "${file}"),`),
].join('\n');

const config = ({ script, wasm, idna }, filesPort, port) => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (
      modules = [
${modules(script, wasm)}
      ],
      compatibilityDate = "2025-09-01",
      bindings = [
        (name = "FILES", service = "files"),
        (name = "WEBHOOK_SECRET", text = "${SECRET}"),${idna ? '\n        (name = "IDNA", service = "idna"),' : ''}
      ],
    )),${idna ? `\n    (name = "idna", worker = (modules = [\n${modules('idna.js', idna)}\n      ], compatibilityDate = "2025-09-01")),` : ''}
    (name = "files", external = (address = "127.0.0.1:${filesPort}", http = ())),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
`;

/** Starts workerd with the bundled Worker; returns its base URL, its log and a stop function. */
async function startWorkerd(built) {
  const files = await serveRepository();
  const port = await freePort();
  await writeFile(join(DIR, 'config.capnp'), config(built, files.address().port, port));
  const workerd = spawn(join(ROOT, 'node_modules/.bin/workerd'), ['serve', 'config.capnp'], { cwd: DIR });
  const log = { text: '' };
  workerd.stderr.on('data', (chunk) => (log.text += chunk));
  workerd.stdout.on('data', (chunk) => (log.text += chunk));
  const stop = () => {
    workerd.kill();
    files.close();
  };
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    try {
      await fetch(`${base}/ready`);
      return { base, log, stop };
    } catch (err) {
      if (tries > 300 || workerd.exitCode !== null) {
        stop();
        throw new Error(`workerd did not start: ${log.text || err}`);
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
}

const built = await bundle();
const { base, log, stop } = await startWorkerd(built);
after(stop);

const response = await fetch(`${base}/vectors`);
const { results, userAgent } = response.ok ? await response.json() : { results: [] };

test('workerd: the bundle imports the .wasm as a module (the `workerd` entry, not the fetching web one)', () => {
  assert.equal(built.wasm.length, 1, `wasm modules: ${built.wasm}`);
});

test('workerd: the Worker ran the vectors, and the client names the runtime', () => {
  assert.equal(response.status, 200, log.text);
  assert.ok(results.length >= 482, `only ${results.length} results`);
  assert.match(userAgent, /^peeker-core\/\S+ wasm-workerd$/);
});
for (const { name, ok, error } of results) {
  test(`workerd ${name}`, () => assert.ok(ok, error));
}

test('workerd: a Worker accepts a signed delivery from its raw body and refuses forged and stale ones', async () => {
  const post = async (body, { timestamp = Math.floor(Date.now() / 1000), signed = body, path = '/webhook' } = {}) => {
    const headers = {
      'content-type': 'application/json',
      'peeker-event-id': 'evt_worker_1',
      'peeker-timestamp': String(timestamp),
      'peeker-signature': signWebhook(SECRET, timestamp, signed),
    };
    const response = await fetch(base + path, { method: 'POST', headers, body });
    return [response.status, path === '/readme' && !response.ok ? await response.text() : await response.json()];
  };
  assert.deepEqual(await post(BODY), [200, { received: 'evt_worker_1', type: 'order.completed', order: ORDER_ID }]);
  assert.deepEqual(await post(BODY.replace('client@', 'other@'), { signed: BODY }), [400, { error: 'signature_mismatch' }]);
  const stale = Math.floor(Date.now() / 1000) - 3600;
  assert.deepEqual(await post(BODY, { timestamp: stale }), [400, { error: 'timestamp_too_old' }]);
  // The README's Worker, as written.
  assert.deepEqual(await post(BODY, { path: '/readme' }), [200, { received: 'evt_worker_1' }]);
  assert.deepEqual(await post(BODY.replace('client@', 'other@'), { signed: BODY, path: '/readme' }), [400, 'signature_mismatch']);
});

test('workerd: the full module\'s IDNA (workerd\'s UTS 46 with the core\'s rules) gives idna\'s answers', { skip: !IDNA && 'the hooked builds are made under PEEKER_TEST_HOOKS=1' }, async (t) => {
  const response = await fetch(`${base}/idna`);
  assert.equal(response.status, 200, log.text);
  const { count, differ, mismatches } = await response.json();
  t.diagnostic(`${count} inputs, ${differ} differ`);
  assert.ok(count > 200_000, `only ${count} inputs`);
  assert.deepEqual(mismatches, []);
});

test('workerd: no uncaught errors in the runtime log', () => {
  assert.doesNotMatch(log.text, /uncaught|error/i);
});
