#!/usr/bin/env bash
# Builds the documentation site into target/site/: the pages of docs/ with the
# page generated from the contract (scripts/docs/reference.py), by MkDocs in
# strict mode (a warning fails the build: broken internal links, missing
# includes); then the references: the HTTP API from spec/openapi.yaml (Redocly),
# rustdoc of peeker-core, TypeDoc of the npm packages' declarations, pdoc of
# the Python package (from the wheel that the python host installed into
# target/py-test-venv) and Dokka of the Kotlin API; and a page listing the Swift API
# (scripts/docs/swift_api.py). Both generated as released: without the tests' panic hook.
# Needs scripts/setup/docs.sh (target/docs-venv, Dokka in ~/.m2) and the npm dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# mkdocs-material 9.8 prints a notice that it is maintained (critical fixes) until
# May 2027, with Zensical as its successor; the notice is not a build warning.
export NO_MKDOCS_2_WARNING=1
venv=target/docs-venv
src=target/docs-src
site=target/site

rm -rf "$src" "$site"
cp -r docs "$src"
cp CHANGELOG.md "$src/changelog.md"
"$venv/bin/python" scripts/docs/reference.py "$src/reference/events-and-codes.md"
uniffi=target/docs-uniffi
for language in kotlin swift; do
  PEEKER_TEST_HOOKS= bash scripts/hosts/uniffi-generate.sh "$language" "$uniffi/$language"
done
"$venv/bin/python" scripts/docs/swift_api.py "$uniffi/swift/PeekerCore.swift" "$src/reference/swift.md"
# Mermaid served with the site: the diagrams render without a CDN.
mkdir -p "$src/assets"
cp scripts/docs/tools/node_modules/mermaid/dist/mermaid.min.js "$src/assets/"
# MkDocs 1.6 prints its warnings on stderr and fails on them in strict mode;
# the log is kept so that any line at WARNING level fails too.
"$venv/bin/mkdocs" build --strict --quiet 2>&1 | tee target/docs-build.log
if grep -qE 'WARNING|ERROR' target/docs-build.log; then exit 1; fi

# --inlineBundle: Redoc's script is embedded from the pinned @redocly/cli of the
# root package-lock.json (the default loads it from Redocly's CDN), so the page works offline.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly build-docs spec/openapi.yaml \
  --inlineBundle --output "$site/reference/http-api.html" >/dev/null
# The contract and the decisions it links to, as files next to the page.
cp spec/openapi.yaml spec/DECISIONS.md "$site/reference/"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p peeker-core
cp -r target/doc "$site/reference/rust"
# rustdoc's pages link to ./index.html, which `cargo doc` does not write.
echo '<!doctype html><meta http-equiv="refresh" content="0; url=peeker_core/index.html"><a href="peeker_core/index.html">peeker_core</a>' \
  >"$site/reference/rust/index.html"
# Both npm packages ship the same declarations (bindings-wasm/js/api.d.ts, copied
# into each): one TypeDoc reference for both.
cat >target/typedoc-tsconfig.json <<JSON
{"compilerOptions": {"strict": true, "noEmit": true, "target": "es2022", "module": "nodenext",
  "moduleResolution": "nodenext", "lib": ["es2022", "dom"], "types": []}, "files": ["../bindings-wasm/js/api.d.ts"]}
JSON
scripts/docs/tools/node_modules/.bin/typedoc --logLevel Warn --treatWarningsAsErrors \
  --tsconfig target/typedoc-tsconfig.json --entryPoints bindings-wasm/js/api.d.ts \
  --name "peeker-core and peeker-core-native" --readme none --out "$site/reference/js"
# pdoc from the installed wheel (scripts/docs/pdoc_api.py: each class shown
# with its defining module, so pdoc reads its source and annotations). Any
# warning fails the build.
site_packages=$(echo target/py-test-venv/lib/python3*/site-packages)
PYTHONPATH="$site_packages" "$venv/bin/python" scripts/docs/pdoc_api.py peeker_core -o "$site/reference/python" \
  --docformat markdown 2>target/docs-pdoc.log
[[ ! -s target/docs-pdoc.log ]] || { cat target/docs-pdoc.log >&2; exit 1; }
# Dokka (scripts/docs/dokka/pom.xml: a warning fails it) over the Kotlin sources,
# the hand-written ones and the generated API. It takes about
# a minute, so its output is kept in target/docs-kotlin/ keyed by the hash of
# its inputs: a rerun with the same sources copies it.
kotlin=bindings-mobile/kotlin
key=$(find scripts/docs/dokka/pom.xml "$kotlin/src/main/kotlin" "$uniffi/kotlin" -type f \
  -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
dokka=target/docs-kotlin/$key
if [[ ! -d $dokka ]]; then
  rm -rf target/docs-kotlin
  mvn -B -q -o -f scripts/docs/dokka/pom.xml -Dmaven.repo.local="${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}" \
    -Ddokka.out="$PWD/$dokka.tmp" -Duniffi.kotlin="$PWD/$uniffi/kotlin" org.jetbrains.dokka:dokka-maven-plugin:2.2.0:dokka >target/docs-dokka.log 2>&1 ||
    { cat target/docs-dokka.log >&2; exit 1; }
  mv "$dokka.tmp" "$dokka"
fi
cp -r "$dokka" "$site/reference/kotlin"
echo "docs: $(find "$site" -name '*.html' | wc -l) pages in $site"
