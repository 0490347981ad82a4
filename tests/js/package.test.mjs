// Both npm packages as a user gets them: `npm pack`, installed from the
// tarballs into a clean folder, loaded from ESM and CommonJS, type-checked with
// `tsc --strict` (with the READMEs' TypeScript examples), and the README's example
// run against recorded answers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { transformSync } from 'esbuild';
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

const README = {
  'peeker-core': readFileSync(join(ROOT, 'bindings-wasm/npm/README.md'), 'utf8'),
  'peeker-core-native': readFileSync(join(ROOT, 'bindings-node/README.md'), 'utf8'),
};
const tsBlocks = (markdown) => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
const camel = (name) => name.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase());

/** A file that compiles only if both packages declare every operation, validator and event type of contract.json. */
function coverageSource() {
  const contract = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/contract.json'), 'utf8'));
  const list = (names) => names.map((name) => JSON.stringify(name)).join(', ');
  const lines = ["import * as wasm from 'peeker-core';", "import * as native from 'peeker-core-native';"];
  for (const api of ['wasm', 'native']) {
    lines.push(
      `export const ${api}Methods: Array<keyof ${api}.Client> = [${list(contract.operations.map((op) => camel(op.name)))}];`,
      `export const ${api}Operations: Array<keyof ${api}.OperationData> = [${list(contract.operations.map((op) => op.name))}];`,
      `export const ${api}Events: ${api}.EventType[] = [${list(contract.events)}];`,
      `export const ${api}Validators = [${contract.validators.map((name) => `${api}.${camel(`validate_${name}`)}`).join(', ')}];`,
    );
  }
  return `${lines.join('\n')}\n`;
}

test('tsc --noEmit --strict: every function of both packages, events narrowing, CommonJS, the contract, the README examples', () => {
  const files = ['usage.ts', 'events.ts', 'require.cts'];
  for (const file of files) copyFileSync(join(ROOT, 'tests/js/typecheck', file), join(OUT, file));
  writeFileSync(join(OUT, 'coverage.ts'), coverageSource());
  files.push('coverage.ts');
  for (const [name, markdown] of Object.entries(README)) {
    tsBlocks(markdown).forEach((block, i) => {
      writeFileSync(join(OUT, `readme-${name}-${i}.ts`), block);
      files.push(`readme-${name}-${i}.ts`);
    });
  }
  assert.ok(files.length >= 9, files.join(' '));
  const compilerOptions = {
    strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
    lib: ['es2022', 'dom'], types: ['node'], skipLibCheck: false,
  };
  writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
  try {
    run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', '.']);
  } catch (err) {
    assert.fail(`tsc: ${err.stdout}${err.stderr}`);
  }
});

// The README's example, as written (TypeScript, stripped by esbuild), with each package and fetch answering from recordings.
const example = tsBlocks(README['peeker-core'].split('## Buying domains, end to end')[1])[0];
for (const name of Object.keys(PACKAGES)) {
  test(`${name}: the README example runs the buying-domains flow`, async () => {
    const file = join(OUT, `readme-${name}.mjs`);
    const { code } = transformSync(example.replace("from 'peeker-core'", `from '${name}'`), { loader: 'ts', format: 'esm' });
    writeFileSync(file, code);
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
    const entry = name === 'peeker-core' ? 'peeker-core/node.mjs' : 'peeker-core-native/index.mjs';
    const api = await import(pathToFileURL(join(OUT, 'node_modules', entry)).href);
    const order = JSON.parse(sent[2].body);
    assert.equal(sent[2].body, new TextDecoder().decode(api.orderBody(order)), 'the order is sent as its canonical bytes');
    assert.equal(sent[2].headers.Authorization ?? sent[2].headers.authorization, 'Bearer pk_test_example');
  });
}
