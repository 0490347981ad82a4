#!/usr/bin/env bash
# Builds the documentation site into target/site/: the pages of docs/ with the
# page generated from the contract (scripts/docs/reference.py), by MkDocs in
# strict mode (a warning fails the build: broken internal links, missing
# includes); then the references: the HTTP API from spec/openapi.yaml (Redocly),
# rustdoc of peeker-core, and pdoc of the Python package (from the wheel that the
# python host installed into target/py-test-venv).
# Needs scripts/setup/docs.sh (target/docs-venv) and the npm dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
venv=target/docs-venv
src=target/docs-src
site=target/site

rm -rf "$src" "$site"
cp -r docs "$src"
cp CHANGELOG.md "$src/changelog.md"
"$venv/bin/python" scripts/docs/reference.py "$src/reference/events-and-codes.md"
# MkDocs 1.6 prints its warnings on stderr and fails on them in strict mode;
# the log is kept so that any line at WARNING level fails too.
"$venv/bin/mkdocs" build --strict --quiet 2>&1 | tee target/docs-build.log
! grep -E 'WARNING|ERROR' target/docs-build.log

REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly build-docs spec/openapi.yaml \
  --output "$site/reference/http-api.html" >/dev/null
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p peeker-core
cp -r target/doc "$site/reference/rust"
site_packages=$(echo target/py-test-venv/lib/python3*/site-packages)
PYTHONPATH="$site_packages" "$venv/bin/pdoc" peeker_core -o "$site/reference/python" --docformat markdown
echo "docs: $(find "$site" -name '*.html' | wc -l) pages in $site"
