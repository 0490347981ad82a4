#!/usr/bin/env bash
# Documentation and packaging: the packages as they would be published (LICENSE
# in each, `npm pack --dry-run` of both npm packages, `twine check --strict` of
# the wheel and the sdist, no test hook in the release wheel, the peeker-core and
# peeker-core-native tarballs, the release jar and the Kotlin and Swift APIs generated
# as released, the jar's META-INF/LICENSE, `cargo package --list` without a warning),
# the site built by scripts/docs.sh with no warning, its links (scripts/docs/links.py),
# its pages in Chromium offline with screenshots in artifacts/docs/ (scripts/docs/site.test.mjs),
# and every code block of it checked (scripts/docs/snippets.py: run or type-checked
# against a fresh local Peeker; the package READMEs' install lines). Runs after the
# wasm-node, python, npm-packages, kotlin and platforms lines, whose builds it checks.
# Last stdout line: `peeker-summary docs <N> passed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
passed=0 failed=0
check() {
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "docs: FAILED: $name" >&2; failed=$((failed + 1)); fi
}

for copy in core bindings-wasm/npm bindings-node bindings-python bindings-mobile/kotlin bindings-mobile/swift; do
  check "$copy/LICENSE is the root LICENSE" cmp -s LICENSE "$copy/LICENSE"
done
npm_pack() { # the tarball's files include LICENSE and README.md, and npm warns about nothing
  local out
  out=$(cd "$1" && npm pack --dry-run --json 2>"$OLDPWD/target/npm-pack.err") &&
    ! grep -i warn target/npm-pack.err &&
    node -e 'const f = JSON.parse(process.argv[1])[0].files.map((x) => x.path);
      process.exit(["LICENSE", "README.md", "package.json"].every((n) => f.includes(n)) ? 0 : 1)' "$out"
}
check "npm pack peeker-core" npm_pack bindings-wasm/pkg
check "npm pack peeker-core-native" npm_pack bindings-node
wheel=$(ls target/py-wheels/peeker_core-*.whl)
check "twine check --strict" target/docs-venv/bin/twine check --strict "$wheel"
check "the wheel holds LICENSE" bash -c "unzip -l '$wheel' | grep -q 'dist-info/licenses/LICENSE'"
# Test-only entry points. hooks: how many lines of stdin name the panic hook the tests
# build in (PEEKER_TEST_HOOKS=1); no_hook: stdin (an artifact's files, concatenated)
# names an export (so the search reads the right text) but not the hook.
hooks() { grep -acE 'panicForTests|panic_for_tests|idnaForTests|idna_for_tests' || true; }
no_hook() {
  local all status
  all=$(mktemp) && cat >"$all" || return 1
  (($(grep -acE 'signWebhook|sign_webhook' "$all") > 0 && $(hooks <"$all") == 0))
  status=$?
  rm -f "$all"
  return "$status"
}
# The tested wheel has the hook (so the search does find it), the release wheel that the
# platforms line built (scripts/release.sh) has none.
release_wheel() {
  local release
  release=$(ls target/quick-artifacts/python/peeker_core-*manylinux2014_x86_64*.whl 2>/dev/null | head -n 1)
  [[ -n $release ]] && (($(unzip -p "$wheel" | hooks) > 0)) && unzip -p "$release" | no_hook
}
check "no test hook in the release wheel" release_wheel
# The peeker-core-native tarball as npm packs it (the node-native line leaves the release
# build in place): its loader and addon.
native_tarball() {
  local dir=target/docs-npm-native tarball
  rm -rf "$dir" && mkdir -p "$dir" &&
    tarball=$(cd bindings-node && npm pack --silent --pack-destination "$OLDPWD/$dir" 2>/dev/null | tail -n 1) &&
    tar -xzOf "$dir/$tarball" | no_hook
}
check "no test hook in the peeker-core-native tarball" native_tarball
# The peeker-core tarball as npm packs it (bindings-wasm/pkg): its glue and modules; the
# wasm-node line's test build (target/wasm-hooks/) has the hook, so the search does find it.
wasm_tarball() {
  local dir=target/docs-npm-wasm tarball
  (($(cat target/wasm-hooks/web/* | hooks) > 0)) && rm -rf "$dir" && mkdir -p "$dir" &&
    tarball=$(cd bindings-wasm/pkg && npm pack --silent --pack-destination "$OLDPWD/$dir" 2>/dev/null | tail -n 1) &&
    tar -xzOf "$dir/$tarball" | no_hook
}
check "no test hook in the peeker-core tarball" wasm_tarball
# The release jar of the platforms line: its classes and its linux-x86-64 library.
jar=$(ls target/quick-artifacts/jvm/peeker-core-*.jar 2>/dev/null | head -n 1)
release_jar() { [[ -n $jar ]] && unzip -p "$jar" | no_hook; }
check "no test hook in the release jar" release_jar
# The sdist as scripts/release.sh builds it (maturin sdist: seconds, no compiling).
sdist_check() {
  rm -rf target/py-sdist && { .venv/bin/maturin sdist -m bindings-python/Cargo.toml -o target/py-sdist >target/py-sdist.log 2>&1 ||
    ! cat target/py-sdist.log >&2; } &&
    target/docs-venv/bin/twine check --strict target/py-sdist/peeker_core-*.tar.gz &&
    tar tzf target/py-sdist/peeker_core-*.tar.gz >target/py-sdist/files.txt &&
    grep -qE '^peeker_core-[^/]+/LICENSE$' target/py-sdist/files.txt
}
check "the sdist: twine check --strict, LICENSE" sdist_check
check "the jar holds META-INF/LICENSE" bash -c "[[ -n '$jar' ]] && unzip -l '$jar' | grep -q 'META-INF/LICENSE'"
crate_files() {
  cargo package --list -p peeker-core --allow-dirty >target/crate-files.txt 2>target/crate-files.err &&
    [[ ! -s target/crate-files.err ]] && grep -qx LICENSE target/crate-files.txt && grep -qx README.md target/crate-files.txt
}
check "cargo package --list" crate_files
check "the site builds with no warning" bash scripts/docs.sh
# The Kotlin and Swift APIs the site documents, generated as released (scripts/docs.sh).
released_apis() { find target/docs-uniffi/kotlin target/docs-uniffi/swift -type f -exec cat {} + | no_hook; }
check "no test hook in the released Kotlin and Swift APIs" released_apis

# tally "<runner output>": adds a runner's `N passed, M failed` closing line.
tally() {
  local ok bad
  read -r ok bad < <(echo "$1" | sed -nE 's/^[a-z]+: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' | tail -n 1)
  passed=$((passed + ${ok:-0})) failed=$((failed + ${bad:-1}))
}
# One check for every link of the site (tens of thousands, mostly the references').
check "the site's links" python3 scripts/docs/links.py target/site /peeker-core/
# The site in Chromium (offline; screenshots in artifacts/docs/).
out=$(node --test --test-reporter=tap scripts/docs/site.test.mjs)
echo "$out" | grep -E '^(not )?ok |^# (pass|fail) '
tally "$(echo "$out" | awk '/^# pass/ { p = $3 } /^# fail/ { f = $3 } END { printf "site: %d passed, %d failed\n", p, f }')"

snippets=$(scripts/with-local.sh python3 scripts/docs/snippets.py target/docs-src bindings-wasm/npm/README.md \
  bindings-node/README.md bindings-python/README.md bindings-mobile/README.md core/README.md README.md)
status=$?
echo "$snippets"
tally "$snippets"
((status == 0)) || ! grep -qE '^snippets: [0-9]+ passed, 0 failed$' <<<"$snippets" || failed=$((failed + 1))
echo "peeker-summary docs $passed passed (packages: LICENSE, npm pack, twine of wheel and sdist, no test hook in the release wheel, both npm tarballs, jar and generated APIs, jar, cargo package; the site, its links, its pages in Chromium, its code blocks)"
((failed == 0))
