#!/usr/bin/env bash
# scripts/deps.sh: installs what the build needs with apt-get, only if missing.
# Quiet and fast (one dpkg-query) when everything is present.
set -eu
pkgs=(cmake gcc libc6-dev make pkg-config libyaml-dev libcriterion-dev libsqlite3-dev)
[ "${TRACEVM_DEPS_EXTRA:-}" ] && pkgs+=(${TRACEVM_DEPS_EXTRA})
missing=()
for p in "${pkgs[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "tracevm: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "tracevm: need root to run: apt-get install ${missing[*]}" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=120 update -qq >/dev/null
$SUDO apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
