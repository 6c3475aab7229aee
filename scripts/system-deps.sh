#!/usr/bin/env bash
# Installs the Debian packages the test suites need (PostgreSQL for the registry's second
# engine; PHP, its extensions and PHPUnit for the WordPress plugin and the real WordPress of the
# end-to-end suite) when they are missing. Does nothing on a machine that has them.
set -euo pipefail

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)

# PHP 8.2 with what WordPress and its SQLite drop-in load; `php -m` names the extensions.
command -v php >/dev/null || need+=(php-cli)
php_modules="$(php -m 2>/dev/null || true)"
for ext in pdo_sqlite:php-sqlite3 mbstring:php-mbstring xml:php-xml gd:php-gd curl:php-curl zip:php-zip intl:php-intl; do
  grep -qix "${ext%%:*}" <<<"$php_modules" || need+=("${ext##*:}")
done
command -v phpunit >/dev/null || need+=(phpunit)
command -v unzip >/dev/null || need+=(unzip)
# Debian's Chromium for the browser tests of widget-picker and the end-to-end suite (Playwright
# drives it; it never downloads a browser).
[ -x /usr/bin/chromium ] || need+=(chromium)

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
