#!/usr/bin/env bash
# Swift demonstration against a running Peeker (the PEEKER_* variables of
# scripts/with-local.sh): the package's peeker-demo program, in the Debian 13
# chroot, runs the README example's flow with URLSession: a bundle,
# availability, the order, its order.completed webhook at a socket listener,
# and GET /orders/{id}.
set -euo pipefail
: "${PEEKER_BASE_URL:?run it through scripts/with-local.sh, which sets the PEEKER_* variables}"
exec bash "$(dirname "$0")/swift.sh" demo
