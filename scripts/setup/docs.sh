#!/usr/bin/env bash
# Documentation tools: a venv (target/docs-venv) with the pinned MkDocs,
# mkdocs-material, pdoc and twine of docs/requirements.txt, and Dokka's Maven
# plugin in ~/.m2. Idempotent: it
# installs again only when the pins change. TypeDoc and Mermaid come from
# scripts/docs/tools (its own npm lock file), Redocly from the root package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=target/docs-venv
requirements=docs/requirements.txt
if ! cmp -s "$requirements" "$venv/.requirements"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    # Every package is pinned in the file, dependencies included.
    "$venv/bin/pip" install --disable-pip-version-check -q --no-deps -r "$requirements"
    cp "$requirements" "$venv/.requirements"
fi
# TypeDoc and Mermaid: their own npm project (scripts/docs/tools), pinned by its lock file.
tools=scripts/docs/tools
if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.peeker-lock"; then
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$tools/package-lock.json" "$tools/node_modules/.peeker-lock"
fi
# Dokka (the Kotlin reference): its Maven plugin and the Dokka plugins it loads at
# run time, fetched by running it once on whatever Kotlin sources exist (not strict:
# the generated API may not be there yet). A stamp keyed by the pom's hash makes
# a second run instant; scripts/docs.sh then runs it offline.
pom=scripts/docs/dokka/pom.xml
repo=${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}
stamp=$repo/.peeker-core-dokka-$(sha256sum <"$pom" | cut -c1-16)
if [[ ! -f $stamp ]]; then
    out=$(mktemp -d)
    if ! mvn -B -f "$pom" -Dmaven.repo.local="$repo" -Ddokka.strict=false -Ddokka.out="$out/site" \
        org.jetbrains.dokka:dokka-maven-plugin:2.2.0:dokka >"$out/log" 2>&1; then
        tail -n 40 "$out/log" >&2
        exit 1
    fi
    rm -rf "$out"
    mkdir -p "$repo" && touch "$stamp"
fi
versions=$("$venv/bin/python" -c 'import importlib.metadata as m; print(*(f"{p} {m.version(p)}" for p in ("mkdocs", "mkdocs-material", "pdoc", "twine")), sep=", ")')
echo "docs setup: $versions in $venv; typedoc $(node -p 'require("./scripts/docs/tools/node_modules/typedoc/package.json").version') in scripts/docs/tools"
