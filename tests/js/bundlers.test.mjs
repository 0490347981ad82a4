// The npm package peeker-core bundled as users bundle it: Vite (current and 6)
// and webpack 5 with no configuration, esbuild ESM with the .wasm files emitted
// (--loader:.wasm=file); each page then runs in Chromium (tests/js/bundlers/checks.mjs):
// importing does not block, a call before ready() is not_ready, both entries
// (peeker-core and peeker-core/form) work and agree. And a server app bundled
// into one file with esbuild --platform=node, run by Node.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { withPage } from './chromium.mjs';
import { ROOT } from './serve.mjs';

const OUT = join(ROOT, 'target', 'bundlers');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: OUT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const html = (script, type = 'module') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundled</title><link rel="icon" href="data:,">` +
  `<script type="${type}" src="./${script}"></script></head><body></body></html>\n`;

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'node_modules'), { recursive: true });
cpSync(join(ROOT, 'tests/js/bundlers'), join(OUT, 'src'), { recursive: true });
// The package as an installed dependency (the built package directory, as npm pack would ship it).
symlinkSync(join(ROOT, 'bindings-wasm/pkg'), join(OUT, 'node_modules/peeker-core'));

const BUILDS = {
  'vite 8': () => run(bin('vite'), ['build', 'src', '--base', './', '--outDir', '../dist-vite', '--logLevel', 'warn']),
  'vite 6': () =>
    run(process.execPath, [join(ROOT, 'node_modules/vite6/bin/vite.js'), 'build', 'src', '--base', './', '--outDir', '../dist-vite6', '--logLevel', 'warn']),
  'webpack 5': () => {
    run(bin('webpack'), ['--mode', 'production', '--entry', './src/app.mjs', '--output-path', 'dist-webpack', '--no-stats']);
    writeFileSync(join(OUT, 'dist-webpack/index.html'), html('main.js', 'text/javascript'));
  },
  esbuild: () => {
    run(bin('esbuild'), ['src/app-esbuild.mjs', '--bundle', '--format=esm', '--loader:.wasm=file', '--outdir=dist-esbuild', '--log-level=warning']);
    writeFileSync(join(OUT, 'dist-esbuild/index.html'), html('app-esbuild.js'));
  },
};
const DIST = { 'vite 8': 'dist-vite', 'vite 6': 'dist-vite6', 'webpack 5': 'dist-webpack', esbuild: 'dist-esbuild' };

/** Every file under `dir`, relative. */
const files = (dir) => readdirSync(dir, { recursive: true }).map(String);

for (const [name, build] of Object.entries(BUILDS)) {
  test(`${name}: builds the package, emits both .wasm files, and the page runs in Chromium`, async () => {
    try {
      build();
    } catch (err) {
      assert.fail(`${name} failed: ${err.stdout}${err.stderr}`);
    }
    const dist = join(OUT, DIST[name]);
    const wasm = files(dist).filter((file) => file.endsWith('.wasm'));
    // webpack names assets by their hash alone; the page below proves which is which.
    assert.ok(new Set(wasm.map((file) => file.replace(/.*\//, ''))).size >= 2, wasm.join(' '));
    const { result, problems } = await withPage(`target/bundlers/${DIST[name]}/index.html`, async (page, problems) => {
      await page.waitForFunction(() => window.peekerBundle, null, { timeout: 30_000 }).catch(() => {});
      return { result: await page.evaluate(() => window.peekerBundle), problems };
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(result, {
      before: 'not_ready',
      canonical: '{"a":2,"b":1}',
      codes: ['invalid_domain', 'order_shape_conflict', 'required', 'required'],
      same: true,
    });
  });
}

test('esbuild --platform=node: the one-file bundle runs in Node with the .wasm files next to it, else says so', () => {
  run(bin('esbuild'), ['src/app-node.mjs', '--bundle', '--platform=node', '--outfile=dist-node/app.cjs', '--log-level=warning']);
  const app = join(OUT, 'dist-node/app.cjs');
  assert.throws(() => run(process.execPath, [app]), (err) => {
    assert.match(err.stderr, /ConfigError: peeker-core could not read its WebAssembly module peeker_core_wasm_bg\.wasm: an app bundled into one file needs it next to the bundle/);
    assert.match(err.stderr, /code: 'not_ready'/);
    return true;
  });
  // One .wasm: in Node, peeker-core/form runs the full module too (spec/DECISIONS.md, D15).
  const file = 'peeker_core_wasm_bg.wasm';
  copyFileSync(join(ROOT, 'bindings-wasm/pkg/web', file), join(OUT, 'dist-node', file));
  assert.deepEqual(JSON.parse(run(process.execPath, [app])), {
    canonical: '{"a":2,"b":1}',
    codes: ['invalid_domain', 'order_shape_conflict', 'required', 'required'],
    same: true,
    verified: { timestamp: 1767225600 },
  });
});
