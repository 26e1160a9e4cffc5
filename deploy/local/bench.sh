#!/usr/bin/env bash
# Runs a benchmark against real servers on loopback and prints its figures.
# Usage: deploy/local/bench.sh suite [--quick]          the whole table, also as JSON and CSV in artifacts/bench/
#        deploy/local/bench.sh soak [minutes] [rate]      repeated faults under load, then an exact count
#        deploy/local/bench.sh ingest|alerts|modbus|report|fleet|sparkplug|sustained|broker [...]   (docs/benchmarks.md)
#        deploy/local/bench.sh heap <pid> [top]           live objects of a running service, by type
#        deploy/local/bench.sh guard [readings] [sensors] [rounds]   same-instant check per reading, in process
#        deploy/local/bench.sh replay [days] [rounds]     a limit proposal replayed over one room's days, in process
#        deploy/local/bench.sh alerts-records [rate] [seconds] [rounds]   alert p99 with the records in SQLite vs PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/local/setup.sh
exec dotnet tests/CleanroomMonitor.Benchmarks/bin/Release/net10.0/CleanroomMonitor.Benchmarks.dll "$@"
