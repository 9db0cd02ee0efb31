#!/usr/bin/env bash
# For `npm run bench`: make sure docker-compose (v1, the peer hitch is measured against) is on PATH.
# If it is, print its version and exit 0; otherwise, as root, install Debian's docker-compose package
# (1.29) from apt. Idempotent; needs no TTY and no stdin.
set -euo pipefail
exec </dev/null

say() { echo "ensure-compose: $*" >&2; }
fail() { say "ERROR: $*"; exit 1; }

if command -v docker-compose >/dev/null 2>&1; then
  echo "ensure-compose: $(docker-compose version --short 2>/dev/null || echo '?')"
  exit 0
fi
[[ $(id -u) -eq 0 ]] || fail "docker-compose is not installed and installing it needs root (apt-get install docker-compose)"
command -v apt-get >/dev/null 2>&1 || fail "docker-compose is not installed, and there is no apt-get to install it"
say "installing docker-compose (apt)"
export DEBIAN_FRONTEND=noninteractive
apt_log=/tmp/hitch-apt-compose.log
if ! { apt-get update -q && apt-get install -y -q docker-compose; } >"$apt_log" 2>&1; then
  tail -n 30 "$apt_log" >&2
  fail "apt-get could not install docker-compose (full log: $apt_log)"
fi
command -v docker-compose >/dev/null 2>&1 || fail "docker-compose not found after installation"
echo "ensure-compose: $(docker-compose version --short 2>/dev/null || echo '?')"
