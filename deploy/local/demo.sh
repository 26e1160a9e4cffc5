#!/usr/bin/env bash
# Runs the demo: a local Mosquitto broker and InfluxDB (own data in .demo/, loopback only), the service with the
# demo facility, the device simulators publishing every sensor, and a local SMTP sink that keeps every alarm mail the
# service sends (notification plan deploy/config/notifications.demo.json) as a file in .demo/mail/. Ctrl+C stops everything.
# Usage: deploy/local/demo.sh [--duration SECONDS]
# Ports (override by environment): DEMO_MQTT_PORT=11883 DEMO_INFLUX_PORT=18086 DEMO_HTTP_PORT=5080 DEMO_MODBUS_PORT=15020
#   DEMO_SMTP_PORT=12525
# Suites 4 and 5 are read over Modbus TCP from the Modbus simulator (deploy/config/modbus.demo.json); the rest over MQTT.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

duration=""
if [[ "${1:-}" == "--duration" ]]; then duration="$2"; fi

mqtt_port=${DEMO_MQTT_PORT:-11883}
influx_port=${DEMO_INFLUX_PORT:-18086}
influx_rpc_port=${DEMO_INFLUX_RPC_PORT:-18088}
http_port=${DEMO_HTTP_PORT:-5080}
modbus_port=${DEMO_MODBUS_PORT:-15020}
smtp_port=${DEMO_SMTP_PORT:-12525}
demo="$root/.demo"
facility="$root/deploy/config/facility.demo.json"

deploy/local/setup.sh
for port in "$mqtt_port" "$influx_port" "$influx_rpc_port" "$http_port" "$modbus_port" "$smtp_port"; do
  if ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then
    echo "demo: port $port is in use; set DEMO_MQTT_PORT, DEMO_INFLUX_PORT, DEMO_INFLUX_RPC_PORT, DEMO_HTTP_PORT, DEMO_MODBUS_PORT or DEMO_SMTP_PORT" >&2
    exit 1
  fi
done

# The mail folder is a Maildir made here whole: aiosmtpd's Mailbox handler makes tmp/, new/ and cur/ only when the
# folder itself does not exist yet, and without them it refuses every mail.
mkdir -p "$demo/mosquitto" "$demo/influxdb" "$demo/service" "$demo/logs" "$demo/mail/tmp" "$demo/mail/new" "$demo/mail/cur"
# The demo's own copy of the facility file, with a last calibration per instrument dated relative to the day the demo
# data was made (docs/instruments.md "Asset data from the facility file"): a certificate date is a calendar date, so the
# committed file carries none that would age into "overdue". Made once per .demo/: the register takes the file's entries
# only at its first start, and an unchanged copy keeps the facility version (and so the limit baseline) stable.
if [[ ! -f "$demo/facility.json" ]]; then
  python3 - "$root/deploy/config/facility.demo.json" "$demo/facility.json" <<'PY'
import datetime, json, sys
text = "".join(line for line in open(sys.argv[1], encoding="utf-8") if not line.startswith("//"))
facility = json.loads(text)
facility["$schema"] = sys.argv[1].rsplit("/", 1)[0] + "/schemas/facility.schema.json"
today = datetime.date.today()
for number, sensor in enumerate(s for s in facility["sensors"] if "asset" in s):
    # cr1-pc-a is 7 days from its due date (inside the 14-day warning window); the others were calibrated 20-160 days ago, at least 3 weeks from due.
    age = sensor["asset"]["calibrationIntervalDays"] - 7 if sensor["id"] == "cr1-pc-a" else 20 + (number * 37) % 140
    sensor["asset"]["lastCalibration"] = {
        "date": (today - datetime.timedelta(days=age)).isoformat(),
        "certificate": f"CAL-{today.year}-{number + 101:04d}",
        "result": "pass",
        "by": f"{sensor['asset']['make']} service",
    }
json.dump(facility, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
PY
fi
facility="$demo/facility.json"
sed -e "s|@PORT@|$mqtt_port|" -e "s|@DATA@|$demo/mosquitto/|" -e "s|@USER@|$(id -un)|" deploy/config/mosquitto.local.conf >"$demo/mosquitto.conf"
sed -e "s|@HTTP_PORT@|$influx_port|" -e "s|@RPC_PORT@|$influx_rpc_port|" -e "s|@DATA@|$demo/influxdb|" \
  deploy/config/influxdb.local.conf >"$demo/influxdb.conf"
# The Modbus connection file with the demo's port; its profiles stay in deploy/config/profiles.
sed -e "s|\"port\": 15020|\"port\": $modbus_port|" -e "s|\"profiles\": \"profiles\"|\"profiles\": \"$root/deploy/config/profiles\"|" \
  deploy/config/modbus.demo.json >"$demo/modbus.json"

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
# The SMTP sink: aiosmtpd (Debian's python3-aiosmtpd, hence /usr/bin/python3 and not a python3 earlier on PATH) with
# its Mailbox handler, which keeps each mail it accepts as one file in the Maildir $demo/mail (new/). Plain SMTP on
# loopback only; it relays nothing.
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$demo/mail" >"$demo/logs/smtp-sink.log" 2>&1 &
pids+=($!)
wait_for smtp-sink "bash -c 'exec 3<>/dev/tcp/127.0.0.1/$smtp_port'"

# The Modbus devices first, so the service finds them at its first poll.
dotnet simulators/CleanroomMonitor.Simulators/bin/Release/net10.0/CleanroomMonitor.Simulators.dll modbus \
  --facility "$facility" --modbus "$demo/modbus.json" >"$demo/logs/modbus-simulator.log" 2>&1 &
pids+=($!)
wait_for modbus-simulator "bash -c 'exec 3<>/dev/tcp/127.0.0.1/$modbus_port'"

# Demo accounts (local loopback demo only): an admin, an operator and a QA reviewer, all with the password below.
# --keep-password: a demo account need not change its password at first sign-in (accounts made by an admin must).
demo_password=${DEMO_PASSWORD:-cleanroom-demo}
for account in "admin:Admin:Dana Admin" "operator:Operator:Olu Operator" "qa:QA:Quinn Reviewer"; do
  IFS=: read -r user role name <<<"$account"
  CLEANROOM_ADMIN_PASSWORD="$demo_password" Facility__File="$facility" Records__Path="$demo/service/records.db" \
    dotnet src/CleanroomMonitor.Service/bin/Release/net10.0/CleanroomMonitor.Service.dll users add --user "$user" --name "$name" --role "$role" --keep-password >/dev/null || true
done
# The simulated MES is a named service account: its batch messages carry this token, and the audit trail shows
# "token:demo-mes" as the actor (docs/security.md). A new token each run: the secret is shown only once.
CLEANROOM_MES_TOKEN=$(Facility__File="$facility" Records__Path="$demo/service/records.db" \
  dotnet src/CleanroomMonitor.Service/bin/Release/net10.0/CleanroomMonitor.Service.dll tokens add --name demo-mes --role Operator --reason "demo: the simulated MES" \
  2>"$demo/tokens-add.log" | grep -m1 '^crm_')   # the secret alone on standard output; the host's log lines go to standard error
export CLEANROOM_MES_TOKEN

export Facility__File="$facility" Modbus__File="$demo/modbus.json" Mqtt__Port="$mqtt_port" Influx__Url="http://127.0.0.1:$influx_port" \
  Buffer__Path="$demo/service/buffer" Records__Path="$demo/service/records.db" Urls="http://127.0.0.1:$http_port" Activity__Interval="00:00:15"
# Notifications: the demo plan (seeds the records at the first start) and every message by mail to the sink above.
export Notifications__PlanFile="$root/deploy/config/notifications.demo.json" Notifications__PublicUrl="http://127.0.0.1:$http_port/" \
  Notifications__Email__Host=127.0.0.1 Notifications__Email__Port="$smtp_port" Notifications__Email__Security=None \
  Notifications__Email__From="Cleanroom Monitor <cleanroom@gmp-centre.example>"
dotnet src/CleanroomMonitor.Service/bin/Release/net10.0/CleanroomMonitor.Service.dll --contentRoot "$root/src/CleanroomMonitor.Service" &
pids+=($!)
service_pid=$!
wait_for service "curl -sf http://127.0.0.1:$http_port/healthz"

# A batch in suite 1 announced as a MES would (over MQTT): the room goes in operation and its in-operation limits apply.
dotnet simulators/CleanroomMonitor.Simulators/bin/Release/net10.0/CleanroomMonitor.Simulators.dll mqtt \
  --facility "$facility" --port "$mqtt_port" --start-batch "DEMO-$(date +%Y%m%d-%H%M%S):cr1:helix-bio:CAR-T (autologous)" \
  --scenario deploy/config/scenarios/demo/suite1-burst.json >"$demo/logs/simulator.log" 2>&1 &
pids+=($!)

cat <<MSG

demo: running. Readings arrive every few seconds; each room logs a line every 15 s.
  readiness        http://127.0.0.1:$http_port/readyz
  ingest status    http://127.0.0.1:$http_port/api/ingest
  latest readings  http://127.0.0.1:$http_port/api/readings/latest
  rooms, batches   http://127.0.0.1:$http_port/api/rooms   http://127.0.0.1:$http_port/api/batches
  excursions       http://127.0.0.1:$http_port/api/excursions
  alarm mails      $demo/mail/new/ (one file per mail, as the SMTP sink on 127.0.0.1:$smtp_port took it):
                   ls $demo/mail/new/; less "\$(ls -t $demo/mail/new/* | head -1)"
  sign in as       admin, operator or qa with password '$demo_password' (web pages and POST /api/auth/login)
  InfluxDB         curl -G http://127.0.0.1:$influx_port/query --data-urlencode db=cleanroom --data-urlencode "q=SELECT count(value) FROM reading"
  logs             $demo/logs/
Ctrl+C stops everything.

MSG

if [[ -n "$duration" ]]; then
  sleep "$duration"
  curl -s "http://127.0.0.1:$http_port/readyz"; echo
  signed_in=$(curl -sf -c "$demo/cookies" -H 'content-type: application/json' -d "{\"userName\":\"admin\",\"password\":\"$demo_password\"}" \
    "http://127.0.0.1:$http_port/api/auth/login" >/dev/null && echo ok)
  [[ -n "$signed_in" ]] && curl -sf -b "$demo/cookies" "http://127.0.0.1:$http_port/api/ingest" && echo
  [[ -n "$signed_in" ]] && curl -sf -b "$demo/cookies" "http://127.0.0.1:$http_port/api/rooms" && echo
else
  wait "$service_pid"
fi
