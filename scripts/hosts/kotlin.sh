#!/usr/bin/env bash
# Kotlin/JVM host: build the Rust cdylib and the pinned generator, generate the
# Kotlin API, compile it with Maven and run the JUnit suite (every shared vector,
# host tests, a webhook endpoint in a real JVM HTTP server; against the local
# Peeker: the README example and the Sender's retries and pages), package the jar
# (the .so inside), then install it as a user would and build and run
# bindings-mobile/kotlin-consumer against it. Run from the repo root;
# scripts/setup/mobile.sh fetched the Maven artifacts, so Maven runs offline.
# Last stdout line: "peeker-summary kotlin <N> passed".
set -euo pipefail
cd "$(dirname "$0")/../.."
# Under a fresh local Peeker unless one is given (PEEKER_* set); at 36000x an order completes in < 1 s.
if [ -z "${PEEKER_LOCAL_URL:-}" ]; then
    PEEKER_LOCAL_OPTIONS=${PEEKER_LOCAL_OPTIONS:---time-scale 36000} exec scripts/with-local.sh bash "$0" "$@"
fi
root=$PWD
target=${CARGO_TARGET_DIR:-target} # the workspace target dir, shared with the other hosts
libdir=$(realpath -m "$target/release")
project=bindings-mobile/kotlin
consumer=bindings-mobile/kotlin-consumer
generated=$project/target/generated-sources/uniffi
upstream=${MAVEN_LOCAL_REPO:-$HOME/.m2/repository} # the repository scripts/setup/mobile.sh filled
# The library and API under test have the panic hook HostTest calls; the released jar
# (scripts/release.sh, checked by scripts/hosts/docs.sh) has none.
export PEEKER_TEST_HOOKS=1

bash scripts/hosts/uniffi-generate.sh kotlin "$generated"
# The generator's patch of that Kotlin (uniffi-bindgen/src/kotlin_text.rs): its unit tests,
# here rather than in the rust line, where building it with the other crates rebuilds uniffi.
bindgen_log=$project/target/bindgen-test.log
mkdir -p "$project/target"
if ! cargo test --quiet -p uniffi-bindgen >"$bindgen_log" 2>&1; then
    cat "$bindgen_log" >&2
    exit 1
fi
bindgen=$(grep -oE 'ok\. [0-9]+ passed' "$bindgen_log" | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')

# Maven 3.8 prints stray ANSI resets even with -B -q; show only real lines.
show() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -v '^[[:space:]]*$' | head -n 60 || true; }

rm -rf "$project/target/surefire-reports"
log=$project/target/mvn-test.log
status=0
(cd "$project" && mvn -B -q -o -Dmaven.repo.local="$upstream" package -Djna.library.path="$libdir" \
    -Dpeeker.vectors="$root/tests/vectors") >"$log" 2>&1 || status=$?
show "$log" # on failure only the start; the whole log stays in $log

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

# Packaging as a user would: `install` the jar (with its pom) into a local
# repository under kotlin-consumer/target/m2, then build the consumer app against
# ai.peeker:peeker-core and run it with no JNA setting. Its settings.xml makes the
# machine's repository a file:// mirror, so nothing is written to ~/.m2.
jar=$(ls "$project"/target/peeker-core-*.jar)
m2=$root/$consumer/target/m2
mvn_consumer() {
    (cd "$consumer" && mvn -B -q -s settings.xml -Dpeeker.upstream.repo="$upstream" -Dmaven.repo.local="$m2" "$@")
}
log=$project/target/mvn-consumer.log
if ! { mvn_consumer org.apache.maven.plugins:maven-install-plugin:2.4:install-file \
        -Dfile="$root/$jar" -DpomFile="$root/$project/pom.xml" &&
    mvn_consumer compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt; } >"$log" 2>&1; then
    show "$log"
    echo "kotlin: the consumer project did not build against the installed jar (see $log)" >&2
    exit 1
fi
(cd "$consumer" && java -cp "target/classes:$(cat target/classpath.txt)" MainKt)

echo "peeker-summary kotlin $((tests - failed - skipped + bindgen)) passed"
