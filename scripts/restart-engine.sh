#!/usr/bin/env bash
# Restart the local dockerd the way an upgrade or a reboot does: SIGTERM (as an init system sends; the
# engine stops its containers), wait until it is gone, then start it again with ensure-engine.sh.
# For test/integration/daemon, which runs alone: every other client of the engine is cut off meanwhile.
# Only a dockerd that scripts/ensure-engine.sh started (found by its pidfile) is restarted.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec </dev/null

pidfile=${HITCH_DOCKERD_PIDFILE:-/var/run/docker.pid}
fail() {
  echo "restart-engine: ERROR: $*" >&2
  exit 1
}

[[ -s $pidfile ]] || fail "no $pidfile: this dockerd was not started by scripts/ensure-engine.sh; restart it your own way"
pid=$(cat "$pidfile")
[[ $pid =~ ^[0-9]+$ ]] && grep -q dockerd "/proc/$pid/cmdline" 2>/dev/null || fail "pid $pid in $pidfile is not a running dockerd"

kill -TERM "$pid"
for ((i = 0; i < 240; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
kill -0 "$pid" 2>/dev/null && fail "dockerd (pid $pid) did not stop within 120s"
echo "restart-engine: dockerd (pid $pid) stopped"
bash scripts/ensure-engine.sh
