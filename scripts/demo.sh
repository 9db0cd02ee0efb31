#!/usr/bin/env bash
# `npm run demo`: bring up the seeds' redis + webapp stack and show the link at work.
# Uses the public images when the engine already has them; otherwise builds offline stand-ins.
set -euo pipefail
cd "$(dirname "$0")/.."

MANIFEST=examples/redis-webapp/hitch.yaml
hitch() { node bin/hitch.js -f "$MANIFEST" "$@"; }

bash scripts/ensure-engine.sh
bash scripts/build-images.sh
[ -f dist/cli-bundle/main.js ] || npm run --silent build

STANDIN=""
if ! docker image inspect redis:7-alpine >/dev/null 2>&1; then
  echo "demo: redis:7-alpine is not on this engine and no registry is assumed; using the offline stand-in hitch-test/redis:1"
  export REDIS_IMAGE=hitch-test/redis:1 WEBAPP_IMAGE=hitch-test/redis:1
  # the manifest reads these: commands that compare it with the engine need them too
  STANDIN="REDIS_IMAGE=$REDIS_IMAGE WEBAPP_IMAGE=$WEBAPP_IMAGE "
fi

hitch up

echo
echo "demo: waiting for the webapp to reach redis through its link..."
for _ in $(seq 1 50); do
  if docker logs redis-webapp-webapp 2>&1 | grep -q 'visits='; then break; fi
  sleep 0.2
done

echo
echo "== the webapp's link variables (docker exec redis-webapp-webapp env | grep ^REDIS_)"
docker exec redis-webapp-webapp env | grep '^REDIS_' | sort
echo
echo "== its /etc/hosts line for the link"
docker exec redis-webapp-webapp grep -w redis /etc/hosts
echo
echo "== its log (docker logs redis-webapp-webapp)"
docker logs redis-webapp-webapp 2>&1 | tail -n 4
if ! docker logs redis-webapp-webapp 2>&1 | grep -q 'visits='; then
  echo "demo: the webapp did not reach redis" >&2
  exit 1
fi

cat <<MSG

The stack is up. Look around:
  node bin/hitch.js -f $MANIFEST ps          # services, addresses, links
  ${STANDIN}node bin/hitch.js -f $MANIFEST plan        # what \`up\` would change now (nothing)
  ${STANDIN}node bin/hitch.js -f $MANIFEST config      # the normalized manifest
  docker logs -f redis-webapp-webapp         # the webapp counting visits in redis
When you are done:
  node bin/hitch.js -f $MANIFEST down
MSG
