#!/usr/bin/env bash
# Runs a benchmark against real servers on loopback and prints its figures.
# Usage: deploy/local/bench.sh [ingest [readings] [sensors]]
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/local/setup.sh
exec dotnet tests/CleanroomMonitor.Benchmarks/bin/Release/net10.0/CleanroomMonitor.Benchmarks.dll "$@"
