// Both npm packages as a user gets them: `npm pack`, installed from the
// tarballs into a clean folder, loaded from ESM and CommonJS, type-checked with
// `tsc --strict` (with the READMEs' TypeScript examples), and the READMEs' examples
// run against the local Peeker (scripts/with-local.sh).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { transformSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { localPeeker } from './local.cjs';

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

  test(`${name}: the tarball exports no test hook`, () => {
    const esm = `import * as p from '${name}'; console.log(Object.keys(p).filter((k) => k.startsWith('_')).length)`;
    assert.equal(run('node', ['--input-type=module', '-e', esm]).trim(), '0');
    const cjs = `console.log(Object.keys(require('${name}')).filter((k) => k.startsWith('_')).length)`;
    assert.equal(run('node', ['-e', cjs]).trim(), '0');
    const dir = join(OUT, 'node_modules', name);
    const text = run('sh', ['-c', "grep -rl --include='*.*js' --include='*.d.*ts' _panicForTests . || true"], dir).trim();
    assert.equal(text, '', 'a file of the tarball names the test hook');
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

test('tsc --noEmit --strict (nodenext, node16, bundler): every function of both packages, events narrowing, CommonJS, the contract, the README examples', () => {
  const files = ['usage.ts', 'events.ts', 'require.cts', 'form.ts', 'form.cts'];
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
  // ESM importers (the .ts files: the consumer is "type": "module") and CommonJS ones
  // (require.cts) under each resolution a project may use.
  for (const [module, moduleResolution] of [['nodenext', 'nodenext'], ['node16', 'node16'], ['preserve', 'bundler']]) {
    const compilerOptions = {
      strict: true, noEmit: true, target: 'es2022', module, moduleResolution, lib: ['es2022', 'dom'], types: ['node'], skipLibCheck: false,
    };
    writeFileSync(join(OUT, `tsconfig.${moduleResolution}.json`), JSON.stringify({ compilerOptions, files }));
    try {
      run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', `tsconfig.${moduleResolution}.json`]);
    } catch (err) {
      assert.fail(`tsc (${moduleResolution}): ${err.stdout}${err.stderr}`);
    }
  }
});

// The READMEs' examples as written (TypeScript, stripped by esbuild), each run by Node
// against the local Peeker with each package. The Worker example is type-checked
// above and run in workerd by bindings-wasm/test/workerd.test.mjs.
const runnable = (markdown) => tsBlocks(markdown).filter((block) => !block.includes('export default {'));
const [flow, ...others] = runnable(README['peeker-core']);
// What each other example prints (the flow is checked line by line below).
const EXAMPLES = [
  ...others.map((block, i) => ({ block, name: `README example ${i + 2}`, packages: Object.keys(PACKAGES) })),
  ...runnable(README['peeker-core-native']).map((block) => ({ block, name: 'its README example', packages: ['peeker-core-native'] })),
];
const PRINTS = [[/^key test customers [1-9]\d*$/m], [/^customers [1-9]\d*$/m], [/^sequencer\.login_email invalid_email$/m, /^ord_\w+ completed$/m]];
const peeker = localPeeker();
const execute = promisify(execFile);

/** Runs an example with `name` in place of peeker-core; returns what it printed. */
async function runExample(block, name, file) {
  const source = block.replace("from 'peeker-core'", `from '${name}'`);
  writeFileSync(join(OUT, file), transformSync(source, { loader: 'ts', format: 'esm' }).code);
  const { stdout } = await execute(process.execPath, [file], { cwd: OUT, env: process.env, timeout: 60_000 });
  return stdout;
}

test('the README examples are the ones these tests expect', () => {
  assert.match(flow, /constructEvent\(req\.body/);
  assert.equal(EXAMPLES.length, PRINTS.length, EXAMPLES.map((e) => e.name).join(', '));
});

for (const name of Object.keys(PACKAGES)) {
  test(`${name}: the README's buying-domains flow runs against the local Peeker, its webhook received by Express`, async () => {
    const output = await runExample(flow, name, `readme-flow-${name}.mjs`);
    assert.match(output, /^Microsoft: \[ 'acme\w+-outreach\.com' \] Google: \[ 'acme\w+-mail\.io', 'acme\w+-team\.io' \] missing: \{ google: 0, microsoft: 0, total: 0 \}$/m);
    const [, id] = output.match(/^order (ord_\w+) in_progress dedupe key [0-9a-f]{64}$/m) ?? assert.fail(output);
    assert.match(output, new RegExp(`^webhook order\\.completed: ${id} 3 domains$`, 'm'));
    assert.match(output, new RegExp(`^order ${id} completed \\d+ usd$`, 'm'));
    // The server's log: order.completed went to the README's endpoint, which acknowledged it (it verified).
    const [event] = await peeker.local('GET', `/events?type=order.completed&target=${id}`);
    assert.ok(event.deliveries.some((delivery) => delivery.status === 'delivered'), JSON.stringify(event.deliveries));
  });
}

EXAMPLES.forEach(({ block, name: example, packages }, i) => {
  for (const name of packages) {
    test(`${name}: ${example} runs against the local Peeker`, async () => {
      const output = await runExample(block, name, `readme-${name}-${example.replace(/\W+/g, '-')}.mjs`);
      for (const line of PRINTS[i]) assert.match(output, line);
    });
  }
});
