// Both npm packages as a user gets them: `npm pack`, installed from the
// tarballs into a clean folder, loaded from ESM and CommonJS, type-checked with
// `tsc --strict`, and the README's example run against recorded answers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { recordedFetch } from './recorded.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const OUT = join(ROOT, 'target', 'js-consumer');
const PACKAGES = { 'peeker-core': join(ROOT, 'bindings-wasm', 'pkg'), 'peeker-core-native': join(ROOT, 'bindings-node') };
const run = (cmd, args, cwd = OUT) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const dependencies = {};
  for (const [name, dir] of Object.entries(PACKAGES)) {
    const tarball = run('npm', ['pack', '--silent', '--pack-destination', OUT], dir).trim().split('\n').pop();
    dependencies[name] = `file:./${tarball}`;
  }
  writeFileSync(join(OUT, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error']);
});

for (const name of Object.keys(PACKAGES)) {
  test(`${name}: the installed tarball loads from ESM and CommonJS`, () => {
    const esm = `import { canonicalize, PeekerError } from '${name}'; console.log(canonicalize('{"b":1,"a":[]}'), typeof PeekerError)`;
    assert.equal(run('node', ['--input-type=module', '-e', esm]).trim(), '{"a":[],"b":1} function');
    const cjs = `const p = require('${name}'); console.log(p.dedupeKey(''), p.verifyWebhook.length)`;
    assert.match(run('node', ['-e', cjs]).trim(), /^e3b0c44298fc1c149afbf4c8996fb924[0-9a-f]{32} \d$/);
  });

  test(`${name}: the tarball holds only what users need`, () => {
    const tarball = readdirSync(OUT).find((f) => f.startsWith(`${name}-`) && f.endsWith('.tgz'));
    const files = run('tar', ['-tzf', tarball]).split('\n').filter(Boolean);
    assert.ok(files.includes('package/README.md') && files.includes('package/index.d.ts'), files.join(' '));
    assert.ok(!files.some((f) => /\/(src|test)\/|Cargo\.toml/.test(f)), files.join(' '));
    // Every file the exports map names (each runtime's entry) is in the tarball.
    const manifest = JSON.parse(readFileSync(join(OUT, 'node_modules', name, 'package.json'), 'utf8'));
    const targets = (entry) => (typeof entry === 'string' ? [entry] : Object.values(entry).flatMap(targets));
    for (const target of targets(manifest.exports)) assert.ok(files.includes(`package/${target.slice(2)}`), target);
  });
}

test('tsc --noEmit --strict accepts a file that calls every function of both packages', () => {
  copyFileSync(join(ROOT, 'tests/js/typecheck/usage.ts'), join(OUT, 'usage.ts'));
  const tsc = join(ROOT, 'node_modules/.bin/tsc');
  const options = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
  writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify({ compilerOptions: { types: [] }, files: ['usage.ts'] }));
  run(tsc, ['-p', '.', ...options, '--lib', 'es2022,dom']);
});

// The README's example, as written, with each package and fetch answering from recordings.
const readme = readFileSync(join(ROOT, 'bindings-wasm/npm/README.md'), 'utf8');
const example = readme.split('## Buying domains, end to end')[1].match(/```js\n([\s\S]*?)```/)[1];
for (const name of Object.keys(PACKAGES)) {
  test(`${name}: the README example runs the buying-domains flow`, async () => {
    const file = join(OUT, `readme-${name}.mjs`);
    writeFileSync(file, example.replace("from 'peeker-core'", `from '${name}'`));
    const sent = [];
    const lines = [];
    const { fetch, log } = { fetch: globalThis.fetch, log: console.log };
    globalThis.fetch = recordedFetch(sent);
    console.log = (...args) => lines.push(args.join(' '));
    try {
      await import(pathToFileURL(file).href);
    } finally {
      Object.assign(globalThis, { fetch });
      console.log = log;
    }
    const output = lines.join('\n');
    assert.match(output, /order ord_01HZX0OR1A2B3C4D5E6F7G8H in_progress dedupe key [0-9a-f]{64}/);
    assert.match(output, /^order\.completed completed$/m);
    assert.match(output, /Microsoft: \[ 'acme-outreach\.com' \]|Microsoft: acme-outreach\.com/);
    assert.deepEqual(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`), [
      'GET /partner/v1/bundles/bun_123',
      'POST /partner/v1/domains/availability',
      'POST /partner/v1/orders',
    ]);
    const api = await import(name === 'peeker-core' ? pathToFileURL(join(OUT, 'node_modules/peeker-core/node.mjs')).href : pathToFileURL(join(OUT, 'node_modules/peeker-core-native/index.mjs')).href);
    const order = JSON.parse(sent[2].body);
    assert.equal(sent[2].body, new TextDecoder().decode(api.orderBody(order)), 'the order is sent as its canonical bytes');
    assert.equal(sent[2].headers.Authorization ?? sent[2].headers.authorization, 'Bearer pk_test_example');
  });
}
