#!/usr/bin/env bash
# Kotlin/JVM host: build the Rust cdylib and the pinned generator, generate the
# Kotlin API, compile it with Maven and run the JUnit suite (shared vectors + host
# tests). Run from the repo root; scripts/setup/mobile.sh fetched the Maven deps.
# Last stdout line: "peeker-summary kotlin <N> passed".
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target=${CARGO_TARGET_DIR:-target} # the workspace target dir, shared with the other hosts
libdir=$(realpath -m "$target/release")
project=bindings-mobile/kotlin
generated=$project/target/generated-sources/uniffi

bash scripts/hosts/uniffi-generate.sh kotlin "$generated"

rm -rf "$project/target/surefire-reports"
log=$project/target/mvn-test.log
status=0
(cd "$project" && mvn -B -q test -Djna.library.path="$libdir" \
    -Dpeeker.vectors="$root/tests/vectors") >"$log" 2>&1 || status=$?
# Maven 3.8 prints stray ANSI resets even with -B -q; show only real lines,
# and on failure only the start (the whole log stays in $log).
sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -v '^[[:space:]]*$' | head -n 60 || true

# Sum Surefire's XML reports: passed = tests - failures - errors - skipped.
read -r tests failed skipped < <(cat "$project"/target/surefire-reports/TEST-*.xml 2>/dev/null |
    grep -o '<testsuite [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) { gsub(/["'\''>\/]/, "", kv[2]); v[kv[1]] = kv[2] }
      t += v["tests"]; f += v["failures"] + v["errors"]; s += v["skipped"] }
    END { print t + 0, f + 0, s + 0 }')
if [ "$status" -ne 0 ] || [ "$tests" -eq 0 ] || [ "$failed" -ne 0 ]; then
    echo "kotlin: mvn exit $status; $tests tests, $failed failed, $skipped skipped" >&2
    exit 1
fi
echo "peeker-summary kotlin $((tests - failed - skipped)) passed"
