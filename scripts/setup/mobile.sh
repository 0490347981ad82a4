#!/usr/bin/env bash
# Kotlin/JVM host: idempotent, run from the repo root (Swift: scripts/setup/swift.sh).
# Maven fetches every artifact bindings-mobile/kotlin needs (and so
# bindings-mobile/kotlin-consumer, which uses the same plugins), so test runs
# are offline. A stamp keyed by the poms' hash makes a second run instant.
set -euo pipefail

pom=bindings-mobile/kotlin/pom.xml
repo=${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}
stamp=$repo/.peeker-core-mobile-$(cat "$pom" bindings-mobile/kotlin-consumer/pom.xml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
    # go-offline covers the project's and the plugins' dependencies (the pom
    # declares Surefire's JUnit provider and launcher so they are included);
    # plexus-utils 1.1 is what Maven 3.8 injects into older plugins at run time.
    log=$(mktemp)
    if ! mvn -B -f "$pom" -Dmaven.repo.local="$repo" dependency:go-offline dependency:get \
        -Dartifact=org.codehaus.plexus:plexus-utils:1.1 >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        exit 1
    fi
    rm -f "$log"
    mkdir -p "$repo" && touch "$stamp"
fi
