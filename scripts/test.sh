#!/usr/bin/env bash
# The test command: installs what the tests need, then typechecks, checks formatting and runs
# every test (unit and integration; integration tests start their own MIT realm on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
npm run --silent typecheck
npx prettier --check . >/dev/null || { npx prettier --list-different .; exit 1; }

mapfile -t files < <(find test -name '*.test.ts' | sort)
node --import tsx --test --test-concurrency=2 "${files[@]}"
