#!/usr/bin/env bash
# Builds the documentation site into target/site/: the pages of docs/ with the
# page generated from the contract (scripts/docs/reference.py), by MkDocs in
# strict mode (a warning fails the build: broken internal links, missing
# includes); then the references: the HTTP API from spec/openapi.yaml (Redocly),
# rustdoc of peeker-core, TypeDoc of the npm packages' declarations, and pdoc of
# the Python package (from the wheel that the python host installed into
# target/py-test-venv); and a page listing the Swift API (scripts/docs/swift_api.py,
# from the source the swift host line generated).
# Needs scripts/setup/docs.sh (target/docs-venv) and the npm dev tools.
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
# The Swift API page, from the Swift source the swift host line generated.
"$venv/bin/python" scripts/docs/swift_api.py bindings-mobile/swift/Sources/PeekerCore/PeekerCore.swift "$src/reference/swift.md"
# Mermaid served with the site: the diagrams render without a CDN.
mkdir -p "$src/assets"
cp scripts/docs/tools/node_modules/mermaid/dist/mermaid.min.js "$src/assets/"
# MkDocs 1.6 prints its warnings on stderr and fails on them in strict mode;
# the log is kept so that any line at WARNING level fails too.
"$venv/bin/mkdocs" build --strict --quiet 2>&1 | tee target/docs-build.log
if grep -qE 'WARNING|ERROR' target/docs-build.log; then exit 1; fi

REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly build-docs spec/openapi.yaml \
  --output "$site/reference/http-api.html" >/dev/null
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
# with its defining module, so pdoc reads its source and annotations). pdoc
# still warns about the required members that TypedDicts inherit from their
# `_XRequired` base (it cannot tell where they come from; it shows them all
# the same): those warnings go to a log.
site_packages=$(echo target/py-test-venv/lib/python3*/site-packages)
PYTHONPATH="$site_packages" "$venv/bin/python" scripts/docs/pdoc_api.py peeker_core -o "$site/reference/python" \
  --docformat markdown 2>target/docs-pdoc.log
other=$(grep -c -v 'Cannot determine where peeker_core\.[A-Za-z]*\.[a-z_]* is taken from' target/docs-pdoc.log || true)
((other == 0)) || { cat target/docs-pdoc.log >&2; exit 1; }
echo "docs: pdoc: $(wc -l <target/docs-pdoc.log) warnings about TypedDicts' inherited members (target/docs-pdoc.log)"
echo "docs: $(find "$site" -name '*.html' | wc -l) pages in $site"
