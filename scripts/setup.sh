#!/usr/bin/env bash
# Prepare a fresh machine (as root): the Debian packages the lab and the tests
# use (iproute2 for namespaces, tcpdump for captures, keepalived and FRR as
# interop peers), then the pinned npm dependencies and the build (npm ci builds
# the native addon and the TypeScript).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  echo "scripts/setup.sh: run as root (it installs Debian packages; the lab creates network namespaces)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends iproute2 tcpdump keepalived frr >/dev/null
npm ci
