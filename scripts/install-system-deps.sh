#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo need (MIT krb5's KDC, admin server and
# client tools; Redis for the shared-store tests; Chromium and a Chinese font for the browser
# tests), only when they are missing.
# Needs root or sudo; asks nothing.
set -euo pipefail

packages=(krb5-kdc krb5-admin-server krb5-user redis-server chromium fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
