#!/usr/bin/env bash
# Make sure a Docker engine answers. If one does (DOCKER_HOST respected), print one line and exit 0.
# Otherwise (as root, e.g. on CI): install what is missing of docker.io, iptables and busybox-static
# from apt, start dockerd in the background (surviving this script), and wait up to
# ENGINE_WAIT_SECONDS (default 90) for it to answer. Idempotent; needs no TTY and no stdin.
set -euo pipefail
exec </dev/null

LOG=${HITCH_DOCKERD_LOG:-/tmp/hitch-dockerd.log}
WAIT=${ENGINE_WAIT_SECONDS:-90}
show_log=0
say() { echo "ensure-engine: $*" >&2; }
fail() {
  say "ERROR: $*"
  if ((show_log)) && [[ -s $LOG ]]; then
    say "last lines of $LOG:"
    tail -n 40 "$LOG" >&2
  fi
  exit 1
}

answers() {
  command -v docker >/dev/null 2>&1 || return 1
  timeout 10 docker info --format '{{.ServerVersion}}' >/dev/null 2>&1
}

if answers; then
  echo "ensure-engine: engine answers (server $(timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?')${DOCKER_HOST:+ at $DOCKER_HOST})"
  exit 0
fi

# Where should a local daemon listen? Only a local unix socket can be served by starting dockerd here.
SOCK=/var/run/docker.sock
if [[ -n ${DOCKER_HOST:-} ]]; then
  case $DOCKER_HOST in
    unix://*) SOCK=${DOCKER_HOST#unix://} ;;
    *) fail "DOCKER_HOST=$DOCKER_HOST does not answer, and it is not a local socket this script could serve" ;;
  esac
fi

[[ $(id -u) -eq 0 ]] || fail "no Docker engine answers and starting one needs root (run as root, or start an engine)"

# ---- install what is missing
missing=()
for pkg in docker.io iptables busybox-static; do
  if ! dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# docker.io might not be the package providing dockerd (e.g. docker-ce installed by hand): accept that
if command -v dockerd >/dev/null 2>&1; then
  missing=("${missing[@]/docker.io/}")
fi
pkgs=()
for p in "${missing[@]}"; do [[ -n $p ]] && pkgs+=("$p"); done

if ((${#pkgs[@]})); then
  command -v apt-get >/dev/null 2>&1 || fail "no engine, and no apt-get to install ${pkgs[*]}"
  say "installing ${pkgs[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  # Keep package scripts from starting services themselves (no init system on CI); we start dockerd.
  policy_added=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  cleanup_policy() { if ((policy_added)); then rm -f /usr/sbin/policy-rc.d; fi; }
  trap cleanup_policy EXIT
  apt_log=/tmp/hitch-apt.log
  if ! { apt-get update -q && apt-get install -y -q "${pkgs[@]}"; } >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    fail "apt-get could not install ${pkgs[*]} (full log: $apt_log)"
  fi
  cleanup_policy
  trap - EXIT
fi

command -v dockerd >/dev/null 2>&1 || fail "dockerd not found after installation"
command -v docker >/dev/null 2>&1 || fail "docker CLI not found after installation"

# ---- start dockerd unless one is already starting
pidfile=${HITCH_DOCKERD_PIDFILE:-/var/run/docker.pid}
running_pid=""
if [[ -s $pidfile ]]; then
  p=$(cat "$pidfile")
  if [[ $p =~ ^[0-9]+$ ]] && kill -0 "$p" 2>/dev/null && grep -q dockerd "/proc/$p/cmdline" 2>/dev/null; then
    running_pid=$p
  fi
fi

show_log=1
if [[ -n $running_pid ]]; then
  say "dockerd (pid $running_pid) is running but not answering yet; waiting"
else
  say "starting dockerd (log: $LOG)"
  mkdir -p "$(dirname "$SOCK")"
  : >"$LOG"
  args=(--host "unix://$SOCK" --pidfile "$pidfile")
  # setsid + nohup: a new session, immune to the end of this script or of the CI step's shell
  setsid nohup dockerd "${args[@]}" >>"$LOG" 2>&1 </dev/null &
  started_pid=$!
  disown "$started_pid" 2>/dev/null || true
fi

export DOCKER_HOST=${DOCKER_HOST:-unix://$SOCK}
deadline=$((SECONDS + WAIT))
while ((SECONDS < deadline)); do
  if answers; then
    echo "ensure-engine: engine started (server $(timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'), $((SECONDS))s)"
    exit 0
  fi
  if [[ -n ${started_pid:-} ]] && ! kill -0 "$started_pid" 2>/dev/null; then
    # setsid forks when it is a process group leader; the real dockerd may live on. Check the pidfile.
    if ! { [[ -s $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
      sleep 1
      answers && exit 0
      fail "dockerd exited during startup"
    fi
  fi
  sleep 1
done
fail "dockerd did not answer within ${WAIT}s"
