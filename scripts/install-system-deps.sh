#!/usr/bin/env bash
# Installs the Debian packages kerbside needs, only when they are missing. Needs root or sudo;
# asks nothing.
#   install-system-deps.sh          what the tests need: MIT krb5's KDC, admin server and
#                                   client tools; Redis; Chromium and a Chinese font
#   install-system-deps.sh krb5     what the demo needs: MIT krb5 only
set -euo pipefail

packages=(krb5-kdc krb5-admin-server krb5-user)
[ "${1:-all}" = krb5 ] || packages+=(redis-server chromium fonts-wqy-microhei)
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
