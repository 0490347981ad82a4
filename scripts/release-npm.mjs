// Packs `peeker-core-native` in the napi-rs layout (scripts/release.sh npm):
// one package per built platform (STAGE/npm/<platform>/ from `napi create-npm-dirs`,
// with its .node from STAGE/built/; `napi artifacts` insists on every configured target),
// and the main package without any .node, naming them as optionalDependencies
// so that npm installs only the one whose os/cpu/libc fit.
//   node scripts/release-npm.mjs STAGE OUT
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [stage, out] = process.argv.slice(2).map((p) => resolve(p));
const pack = (dir) => execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, encoding: 'utf8' });
const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));

const built = [];
for (const platform of readdirSync(join(stage, 'npm')).sort()) {
  const dir = join(stage, 'npm', platform);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const addon = join(stage, 'built', pkg.main);
  if (!existsSync(addon)) continue; // planned, not built here (README support matrix)
  copyFileSync(addon, join(dir, pkg.main));
  pack(dir);
  built.push(pkg.name);
}
if (built.length === 0) throw new Error(`no platform package built in ${stage}/npm`);
manifest.optionalDependencies = Object.fromEntries(built.map((name) => [name, manifest.version]));
manifest.files = manifest.files.filter((pattern) => !pattern.endsWith('.node'));
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
pack(stage);
console.log(`npm: ${manifest.name} with ${built.join(', ')}`);
