#!/usr/bin/env bash
# Kotlin demonstration against a running Peeker (the PEEKER_* variables of
# scripts/with-local.sh): generate and compile the Kotlin API, then run the
# README example's main (BuyDomains.kt, test sources) on the JVM with JNA
# loading the Rust library: a bundle, availability, the order, its
# order.completed webhook at a JDK HttpServer, and GET /orders/{id}.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${PEEKER_BASE_URL:?run it through scripts/with-local.sh, which sets the PEEKER_* variables}"
project=bindings-mobile/kotlin
libdir=$(realpath -m "${CARGO_TARGET_DIR:-target}/release")
bash scripts/hosts/uniffi-generate.sh kotlin "$project/target/generated-sources/uniffi"
log=$project/target/demo-mvn.log
(cd "$project" && mvn -B -q -o -Dmaven.repo.local="${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}" test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) \
    >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
java -Djna.library.path="$libdir" -cp "$project/target/classes:$project/target/test-classes:$(cat "$project/target/classpath.txt")" \
    ai.peeker.example.BuyDomainsKt | sed -u 's/^/[kotlin] /'
