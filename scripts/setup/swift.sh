#!/usr/bin/env bash
# Swift host: Debian 12 has no Swift, so a Debian 13 (trixie) chroot holds
# Debian's swiftlang. It is ~2.6 GB and takes ~2 minutes to build, so it is cached
# machine-wide (every clone reuses it). The stamp is written last: a chroot
# without it (an interrupted build) is rebuilt, never trusted. Idempotent.
set -euo pipefail
root=${PEEKER_SWIFT_ROOT:-/var/cache/peeker-core/swift-trixie} # also in scripts/hosts/swift.sh
packages="swiftlang libc6-dev"
stamp=$root/.peeker-stamp # the package list, then the installed versions (the host keys its build cache on them)
ready() { [ "$(head -n 1 "$stamp" 2>/dev/null)" = "$packages" ]; }
ready && exit 0

mkdir -p "$(dirname "$root")"
exec 9>"$root.lock" # a concurrent setup waits, then finds the stamp
flock 9
ready && exit 0
source "$(dirname "$0")/lib.sh"
apt_install debootstrap
# The Debian archive apt is configured with (sources.list or deb822 .sources).
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk -v c="$codename" '$2 == c { print $1; exit }')
[ -n "$mirror" ] || { echo "swift setup: no apt source for $codename" >&2; exit 1; }

step "Debian 13 chroot with $packages in $root (from $mirror)"
log=$(mktemp)
trap 'umount "$root/proc" 2>/dev/null || true; rm -f "$log"' EXIT
trap 'exit 1' INT TERM HUP # so that the EXIT trap also runs when setup is stopped
umount "$root/proc" 2>/dev/null || true # a killed run may have left it mounted
rm -rf --one-file-system "$root"
if ! { debootstrap --variant=minbase --include=ca-certificates trixie "$root" "$mirror" &&
    mount -t proc proc "$root/proc" && # dpkg scripts and swift's $ORIGIN rpath need /proc
    chroot "$root" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends $packages && apt-get clean"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    exit 1
fi
{ echo "$packages" && chroot "$root" dpkg-query -W $packages; } >"$stamp.new"
mv "$stamp.new" "$stamp"
