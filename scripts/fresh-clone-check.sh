#!/usr/bin/env bash
# Run what CI runs (.ci/run: npm ci, then npm test) on a fresh clone of the committed HEAD, so that
# nothing installed or left behind in this working tree can hide a missing step. The clone sits
# beside this checkout so that ../shared/ (the bench specs) resolves as it does in CI.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
clone="$(mktemp -d "$(dirname "$repo")/fresh-clone-XXXXXX")"
trap 'rm -rf "$clone"' EXIT
git clone -q "$repo" "$clone"
cd "$clone"
bash .ci/run
