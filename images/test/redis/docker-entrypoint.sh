#!/bin/sh
# Mirrors the official redis image's entrypoint: `-x ...` or `x.conf` args mean redis-server args,
# and redis-server started without a config file gets `--protected-mode no` (clients come from
# other containers; without it Redis 7 answers them "DENIED ... protected mode").
set -e
case $1 in
  -*|*.conf) set -- redis-server "$@" ;;
esac
if [ "$1" = redis-server ]; then
  case ${2:-} in
    *.conf) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
fi
exec "$@"
