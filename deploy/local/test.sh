#!/usr/bin/env bash
# Runs every test (unit and integration against real mosquitto and influxd on loopback) and ends with
#   tests: N passed, N failed, N skipped
# computed from the test runner's result files. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."

deploy/local/setup.sh || exit 1

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
status=0
projects=(tests/*.Tests tests/*.IntegrationTests tests/*.BrowserTests)
# One project at a time: each starts its own servers, and two cores are better spent on one suite than split.
for project in "${projects[@]}"; do
  name=$(basename "$project")
  dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=minimal" --results-directory "$results" || status=1
done

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

if ((files < ${#projects[@]})); then
  echo "test: only $files result files for ${#projects[@]} test projects: a test host crashed or did not run" >&2
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if ((status != 0 || failed > 0)); then
  exit 1
fi
