#!/usr/bin/env bash
# Installs the Debian packages the test suites need (PostgreSQL for the registry's second
# engine) when they are missing. Does nothing on a machine that has them.
set -euo pipefail

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "system-deps: please install as root: ${need[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "system-deps: installing ${need[*]}" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
