#!/usr/bin/env bash
# Installs whatever Debian packages are missing (scripts/debian-packages.txt) and builds.
#   scripts/setup.sh [BUILD_DIR [extra cmake arguments...]]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-build}
shift || true

missing=()
while read -r package _; do
    [ -z "$package" ] || [ "${package:0:1}" = "#" ] && continue
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" ||
        missing+=("$package")
done <"$root/scripts/debian-packages.txt"

if [ ${#missing[@]} -gt 0 ]; then
    echo "==> Installing missing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

# The browser tests' npm packages (tests/browser/package-lock.json), into tests/browser/node_modules:
# installed again only when that folder is missing or the lock file changed since.
browser="$root/tests/browser"
if ! command -v npm >/dev/null; then
    echo "==> Installing Debian's npm (for the browser tests' puppeteer-core)"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
lock_sum=$(sha256sum "$browser/package-lock.json" | cut -d' ' -f1)
if [ ! -d "$browser/node_modules" ] ||
    [ "$(cat "$browser/node_modules/.lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
    echo "==> Installing the browser tests' npm packages (npm ci --prefix tests/browser)"
    npm ci --prefix "$browser" --no-audit --no-fund --loglevel=error >/dev/null
    echo "$lock_sum" >"$browser/node_modules/.lock-sha256"
fi

echo "==> Building in $build_dir"
cmake -S "$root" -B "$root/$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$root/$build_dir" -j2
