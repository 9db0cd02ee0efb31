#!/usr/bin/env bash
# The project's test entry point (`npm test`): make sure an engine answers (installing and starting
# one on a fresh machine), build the offline images, then run vitest with any extra arguments.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-engine.sh
bash scripts/build-images.sh
npm run --silent build # the integration tests run the real `hitch` binary from dist/
npx tsc -p test/tsconfig.json # the tests themselves type-check, against the sources they test
npx vitest run "$@"
