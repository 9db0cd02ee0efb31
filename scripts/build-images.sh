#!/usr/bin/env bash
# Build hitch's images offline, from this Debian host's binaries (no registry is ever contacted:
# every image is FROM scratch, built by the classic builder, never with --pull):
#   - the sandbox image (tag read from src/plan/sandbox.ts), images/sandbox/Dockerfile.offline
#   - hitch-test/busybox:1, images/test/busybox/Dockerfile
#   - hitch-test/redis:1,   images/test/redis/Dockerfile
# The build contexts (images/sandbox/rootfs/, images/test/<name>/rootfs/, gitignored) are assembled
# here. An image that exists is kept unless --force, or unless its inputs changed: each image carries
# io.hitch.build.inputs-sha256 (Dockerfile + the files copied from the repo), and the sandbox image
# also io.hitch.sandbox.script-sha256 (images/sandbox/hitch-sandbox).
# Usage: scripts/build-images.sh [--force]
set -euo pipefail
exec </dev/null

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SELF=$ROOT/scripts/build-images.sh
FORCE=0
for arg in "$@"; do
  case $arg in
    --force | -f) FORCE=1 ;;
    -h | --help) sed -n '2,12p' "$SELF"; exit 0 ;;
    *) echo "build-images: unknown argument '$arg' (usage: scripts/build-images.sh [--force])" >&2; exit 2 ;;
  esac
done

say() { echo "build-images: $*"; }
fail() { echo "build-images: ERROR: $*" >&2; exit 1; }
export DOCKER_BUILDKIT=0

command -v docker >/dev/null 2>&1 || fail "docker CLI not found (run scripts/ensure-engine.sh first)"
timeout 10 docker info >/dev/null 2>&1 || fail "no Docker engine answers (run scripts/ensure-engine.sh first)"

# ---------------------------------------------------------------- host packages (only when missing)
BUSYBOX=/bin/busybox   # busybox-static's binary; Debian's dynamic `busybox` package uses /bin/busybox too,
                       # so check the package, not the path
missing=()
for pkg in busybox-static iptables socat redis-server redis-tools; do
  dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || fail "missing packages ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
  say "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  policy_added=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then   # don't let redis-server's postinst start a host redis
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_added=1
  fi
  trap 'if ((policy_added)); then rm -f /usr/sbin/policy-rc.d; fi' EXIT
  if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >/tmp/hitch-apt-images.log 2>&1; then
    tail -n 30 /tmp/hitch-apt-images.log >&2
    fail "apt-get could not install ${missing[*]} (log: /tmp/hitch-apt-images.log)"
  fi
fi
[[ -x $BUSYBOX ]] || fail "$BUSYBOX not found (package busybox-static)"
ldd "$BUSYBOX" >/dev/null 2>&1 && fail "$BUSYBOX is dynamically linked; need busybox-static"
[[ -x /usr/sbin/xtables-nft-multi ]] || fail "/usr/sbin/xtables-nft-multi not found (package iptables)"
XT_DIR=/usr/lib/x86_64-linux-gnu/xtables
[[ -d $XT_DIR ]] || fail "$XT_DIR not found (package iptables; this script expects amd64 Debian)"
[[ -x /usr/bin/socat ]] || fail "/usr/bin/socat not found (package socat)"

# ---------------------------------------------------------------- helpers
sha() { cat "$@" | sha256sum | cut -d' ' -f1; }

label_of() { # IMAGE LABEL -> value, or empty
  docker image inspect -f "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null | sed 's/^<no value>$//'
}

# should IMAGE (with inputs hash HASH) be (re)built?
needs_build() {
  local image=$1 hash=$2
  ((FORCE)) && return 0
  docker image inspect "$image" >/dev/null 2>&1 || return 0
  [[ $(label_of "$image" io.hitch.build.inputs-sha256) == "$hash" ]] || {
    say "$image: inputs changed, rebuilding"
    return 0
  }
  return 1
}

# copy FILE into ROOTFS at the same path (dereferenced)
put() {
  local rootfs=$1 file=$2
  mkdir -p "$rootfs$(dirname "$file")"
  cp -L "$file" "$rootfs$file"
}

# copy the shared libraries (and loader) ldd lists for each FILE into ROOTFS, at the listed paths
put_libs() {
  local rootfs=$1 lib
  shift
  for lib in $(ldd "$@" 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\// && $i !~ /:$/) print $i }' | sort -u); do
    [[ -e $lib ]] || fail "library $lib (listed by ldd) not found"
    [[ -e $rootfs$lib ]] || put "$rootfs" "$lib"
  done
}

# a fresh rootfs with busybox-static and all its applets in /bin, and the usual directories
new_rootfs() {
  local rootfs=$1 a
  rm -rf "$rootfs"
  mkdir -p "$rootfs"/{bin,sbin,etc,tmp,root,proc,sys,dev,run,usr/bin,usr/sbin,usr/local/bin,var/tmp}
  chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
  cp -L "$BUSYBOX" "$rootfs/bin/busybox"
  for a in $("$BUSYBOX" --list); do
    [[ $a == busybox ]] || ln -s busybox "$rootfs/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
}

# docker build, quietly; on failure show the output
build() { # IMAGE DOCKERFILE CONTEXT [docker build args...]
  local image=$1 dockerfile=$2 context=$3 out previous
  shift 3
  previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  if ! out=$(docker build -q -t "$image" -f "$dockerfile" "$@" "$context" 2>&1); then
    echo "$out" >&2
    fail "docker build of $image failed"
  fi
  # drop the build this one replaced, unless something still uses it
  if [[ -n $previous && $previous != "$(docker image inspect -f '{{.Id}}' "$image")" ]]; then
    docker rmi "$previous" >/dev/null 2>&1 || true
  fi
  say "built $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%.1f MB", $1 / 1e6 }'))"
}

built=()

# ---------------------------------------------------------------- sandbox
SANDBOX_IMAGE=$(sed -n "s/^export const SANDBOX_IMAGE *= *'\([^']*\)'.*/\1/p" src/plan/sandbox.ts)
[[ $SANDBOX_IMAGE =~ ^[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9._-]+$ ]] ||
  fail "could not read SANDBOX_IMAGE from src/plan/sandbox.ts (got '$SANDBOX_IMAGE')"
SB=images/sandbox
script_hash=$(sha $SB/hitch-sandbox)
inputs_hash=$(sha $SB/Dockerfile.offline $SB/hitch-sandbox "$SELF")
if needs_build "$SANDBOX_IMAGE" "$inputs_hash"; then
  R=$ROOT/$SB/rootfs
  new_rootfs "$R"
  put "$R" /usr/sbin/xtables-nft-multi
  for n in iptables iptables-restore iptables-save iptables-nft iptables-nft-restore iptables-nft-save \
    ip6tables ip6tables-restore ip6tables-save ip6tables-nft ip6tables-nft-restore ip6tables-nft-save; do
    ln -s xtables-nft-multi "$R/usr/sbin/$n"
  done
  mkdir -p "$R$XT_DIR"
  cp -L "$XT_DIR"/*.so "$R$XT_DIR/"
  put "$R" /usr/bin/socat # udp probes and listeners (`hitch check`): busybox nc speaks tcp only
  put_libs "$R" /usr/sbin/xtables-nft-multi "$XT_DIR"/*.so /usr/bin/socat
  put "$R" /etc/protocols
  [[ -e /etc/services ]] && put "$R" /etc/services
  install -m 0755 $SB/hitch-sandbox "$R/usr/local/bin/hitch-sandbox"
  mkdir -p "$R/var/lib/hitch"
  build "$SANDBOX_IMAGE" $SB/Dockerfile.offline "$R" \
    --label io.hitch.build.inputs-sha256="$inputs_hash" \
    --label io.hitch.sandbox.script-sha256="$script_hash"
  built+=("$SANDBOX_IMAGE")
fi

# ---------------------------------------------------------------- hitch-test/busybox:1
T=images/test/busybox
inputs_hash=$(sha $T/Dockerfile "$SELF")
if needs_build hitch-test/busybox:1 "$inputs_hash"; then
  R=$ROOT/$T/rootfs
  new_rootfs "$R"
  mkdir -p "$R/www" "$R/data"
  build hitch-test/busybox:1 $T/Dockerfile "$R" --label io.hitch.build.inputs-sha256="$inputs_hash"
  built+=(hitch-test/busybox:1)
fi

# ---------------------------------------------------------------- hitch-test/redis:1
T=images/test/redis
REDIS_VERSION=$(redis-server --version | sed -n 's/.* v=\([0-9][0-9.]*\).*/\1/p')
[[ -n $REDIS_VERSION ]] || fail "could not read the version of redis-server"
inputs_hash=$(printf '%s\n' "$REDIS_VERSION" | cat - $T/Dockerfile $T/docker-entrypoint.sh "$SELF" | sha256sum | cut -d' ' -f1)
if needs_build hitch-test/redis:1 "$inputs_hash"; then
  R=$ROOT/$T/rootfs
  new_rootfs "$R"
  mkdir -p "$R/data" "$R/usr/local/bin"
  cp -L /usr/bin/redis-server "$R/usr/bin/redis-server"   # a symlink to redis-check-rdb; argv[0] picks the mode
  cp -L /usr/bin/redis-cli "$R/usr/bin/redis-cli"
  put_libs "$R" /usr/bin/redis-server /usr/bin/redis-cli
  install -m 0755 $T/docker-entrypoint.sh "$R/usr/local/bin/docker-entrypoint.sh"
  build hitch-test/redis:1 $T/Dockerfile "$R" --build-arg REDIS_VERSION="$REDIS_VERSION" \
    --label io.hitch.build.inputs-sha256="$inputs_hash"
  # smoke test: it starts and answers PING
  cid=$(docker run -d --rm --network none hitch-test/redis:1)
  ok=0
  for _ in $(seq 1 50); do
    if [[ $(docker exec "$cid" redis-cli -h 127.0.0.1 ping 2>/dev/null) == PONG ]]; then ok=1; break; fi
    sleep 0.2
  done
  docker rm -f "$cid" >/dev/null 2>&1 || true
  ((ok)) || fail "hitch-test/redis:1 does not answer PING"
  built+=(hitch-test/redis:1)
fi

if ((${#built[@]})); then
  say "done: ${built[*]}"
else
  say "up to date: $SANDBOX_IMAGE hitch-test/busybox:1 hitch-test/redis:1"
fi
