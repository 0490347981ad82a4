#!/usr/bin/env bash
# Swift host: build the Rust library and the pinned generator, generate the
# Swift sources into the package, check that every .swift file of the package
# parses (tree-sitter-swift from .venv, installed by scripts/setup/mobile.sh),
# then run `swift test` where a Swift compiler exists. Run from the repo root.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target=${CARGO_TARGET_DIR:-target} # the workspace target dir, shared with the other hosts
libdir=$(realpath -m "$target/release")
package=bindings-mobile/swift

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bash scripts/hosts/uniffi-generate.sh swift "$out"
# Generated files (gitignored): the Swift API and the FFI header + module map.
rm -rf "$package/Sources/PeekerCoreFFI"
mkdir -p "$package/Sources/PeekerCoreFFI"
cp "$out/PeekerCore.swift" "$package/Sources/PeekerCore/PeekerCore.swift"
cp "$out/PeekerCoreFFI.h" "$package/Sources/PeekerCoreFFI/PeekerCoreFFI.h"
cp "$out/PeekerCoreFFI.modulemap" "$package/Sources/PeekerCoreFFI/module.modulemap"

# Syntax check of every Swift file (generated and hand-written, manifest and tests).
if ! .venv/bin/python -c 'import tree_sitter, tree_sitter_swift' 2>/dev/null; then
    echo "swift: tree-sitter-swift is missing from .venv: run scripts/setup/mobile.sh" >&2
    exit 1
fi
mapfile -t files < <(find "$package" -name '*.swift' -not -path '*/.build/*' | sort)
.venv/bin/python - "${files[@]}" <<'PY'
import re
import sys
import tree_sitter_swift
from tree_sitter import Language, Parser

# tree-sitter-swift 0.7 cannot parse an `#if` block holding only attributes of
# the declaration after it (valid Swift; UniFFI emits `#if swift(>=5.8)
# @_documentation(visibility: private) #endif`). Those blocks are blanked for
# the parse, keeping line numbers; everything else is parsed as written.
ATTRIBUTE_ONLY_IF = re.compile(rb"^[ \t]*#if [^\n]*\n(?:[ \t]*@[^\n]*\n)+[ \t]*#endif[ \t]*$", re.M)

parser = Parser(Language(tree_sitter_swift.language()))
found, masked = [], 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        source, n = ATTRIBUTE_ONLY_IF.subn(lambda m: re.sub(rb"[^\n]", b" ", m.group()), f.read())
    masked += n
    stack = [parser.parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            kind = "ERROR" if node.is_error else f"MISSING {node.type}"
            found.append((path, node.start_point.row + 1, node.start_point.column + 1, kind))
        elif node.has_error:
            stack.extend(node.children)
for path, line, column, kind in sorted(found):
    print(f"{path}:{line}:{column}: {kind}", file=sys.stderr)
print(f"tree-sitter-swift: {len(sys.argv) - 1} files, {len(found)} syntax errors "
      f"({masked} attribute-only #if blocks blanked)", file=sys.stderr)
if found or len(sys.argv) < 2:
    sys.exit(1)
PY

if ! command -v swift >/dev/null; then
    echo "peeker-summary swift skipped: no swift compiler on PATH (parsed ${#files[@]} Swift files with tree-sitter-swift, 0 syntax errors)"
    exit 0
fi
log=$(mktemp)
status=0
(cd "$package" && PEEKER_VECTORS="$root/tests/vectors" PEEKER_RUST_LIB_DIR="$libdir" \
    swift test 2>&1) | tee "$log" || status=$?
# XCTest's last "Executed N tests, with F failures" line is the whole run.
summary=$(grep -Eo 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$log" | tail -n 1 || true)
rm -f "$log"
read -r tests failures < <(echo "$summary" | awk '{ print $2 + 0, $5 + 0 }')
if [ "$status" -ne 0 ] || [ "$tests" -eq 0 ] || [ "$failures" -ne 0 ]; then
    echo "swift: swift test exit $status; $summary" >&2
    exit 1
fi
echo "peeker-summary swift $tests passed"
