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

echo "==> Building in $build_dir"
cmake -S "$root" -B "$root/$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$root/$build_dir" -j2
