#!/usr/bin/env bash
# Runs the demo: a local Mosquitto broker and InfluxDB (own data in .demo/, loopback only), the service with the
# demo facility, and the device simulators publishing every sensor. Ctrl+C stops everything.
# Usage: deploy/local/demo.sh [--duration SECONDS]
# Ports (override by environment): DEMO_MQTT_PORT=11883 DEMO_INFLUX_PORT=18086 DEMO_HTTP_PORT=5080
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

duration=""
if [[ "${1:-}" == "--duration" ]]; then duration="$2"; fi

mqtt_port=${DEMO_MQTT_PORT:-11883}
influx_port=${DEMO_INFLUX_PORT:-18086}
influx_rpc_port=${DEMO_INFLUX_RPC_PORT:-18088}
http_port=${DEMO_HTTP_PORT:-5080}
demo="$root/.demo"
facility="$root/deploy/config/facility.demo.json"

deploy/local/setup.sh
for port in "$mqtt_port" "$influx_port" "$influx_rpc_port" "$http_port"; do
  if ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then
    echo "demo: port $port is in use; set DEMO_MQTT_PORT, DEMO_INFLUX_PORT, DEMO_INFLUX_RPC_PORT or DEMO_HTTP_PORT" >&2
    exit 1
  fi
done

mkdir -p "$demo/mosquitto" "$demo/influxdb" "$demo/service" "$demo/logs"
sed -e "s|@PORT@|$mqtt_port|" -e "s|@DATA@|$demo/mosquitto/|" deploy/config/mosquitto.local.conf >"$demo/mosquitto.conf"
sed -e "s|@HTTP_PORT@|$influx_port|" -e "s|@RPC_PORT@|$influx_rpc_port|" -e "s|@DATA@|$demo/influxdb|" \
  deploy/config/influxdb.local.conf >"$demo/influxdb.conf"

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo "demo: stopping"
  # Newest first, each waited for: the service drains and disconnects before the broker and InfluxDB go.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

wait_for() { # name, command
  for _ in $(seq 1 100); do
    if eval "$2" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "demo: $1 did not start; see $demo/logs/" >&2
  exit 1
}

/usr/sbin/mosquitto -c "$demo/mosquitto.conf" >"$demo/logs/mosquitto.log" 2>&1 &
pids+=($!)
wait_for mosquitto "bash -c 'exec 3<>/dev/tcp/127.0.0.1/$mqtt_port'"
/usr/bin/influxd -config "$demo/influxdb.conf" >"$demo/logs/influxd.log" 2>&1 &
pids+=($!)
wait_for influxd "curl -sf http://127.0.0.1:$influx_port/ping"

export Facility__File="$facility" Mqtt__Port="$mqtt_port" Influx__Url="http://127.0.0.1:$influx_port" \
  Buffer__Path="$demo/service/buffer" Records__Path="$demo/service/records.db" Urls="http://127.0.0.1:$http_port" Activity__Interval="00:00:15"
dotnet src/CleanroomMonitor.Service/bin/Release/net10.0/CleanroomMonitor.Service.dll --contentRoot "$root/src/CleanroomMonitor.Service" &
pids+=($!)
wait_for service "curl -sf http://127.0.0.1:$http_port/healthz"

dotnet simulators/CleanroomMonitor.Simulators/bin/Release/net10.0/CleanroomMonitor.Simulators.dll mqtt \
  --facility "$facility" --port "$mqtt_port" >"$demo/logs/simulator.log" 2>&1 &
pids+=($!)

cat <<MSG

demo: running. Readings arrive every few seconds; each room logs a line every 15 s.
  readiness        http://127.0.0.1:$http_port/readyz
  ingest status    http://127.0.0.1:$http_port/api/ingest
  latest readings  http://127.0.0.1:$http_port/api/readings/latest
  InfluxDB         curl -G http://127.0.0.1:$influx_port/query --data-urlencode db=cleanroom --data-urlencode "q=SELECT count(value) FROM reading"
  logs             $demo/logs/
Ctrl+C stops everything.

MSG

if [[ -n "$duration" ]]; then
  sleep "$duration"
  curl -sf "http://127.0.0.1:$http_port/readyz" && echo
  curl -sf "http://127.0.0.1:$http_port/api/ingest" && echo
else
  wait "${pids[2]}"
fi
