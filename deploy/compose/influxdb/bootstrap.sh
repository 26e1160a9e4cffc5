#!/bin/sh
# One-time set-up of InfluxDB 1.8 with authentication on (run inside the container, after the first start):
#   docker compose exec influxdb /bootstrap/bootstrap.sh
# Reads the passwords from the compose secrets; creates the admin, the database, the retention policies (raw data for
# the record retention period, 5-minute and 1-hour downsamples kept forever), the continuous queries, and the users of
# the service (write) and Grafana (read). Safe to run again: InfluxQL CREATE … statements are idempotent.
# RAW_RETENTION: how long raw readings are kept (the site's record retention, e.g. 5 years = 260w). Default 260w.
set -eu
RAW_RETENTION=${RAW_RETENTION:-260w}
DB=${INFLUX_DATABASE:-cleanroom}
admin_password=$(cat /run/secrets/influx_admin_password)
service_password=$(cat /run/secrets/influx_password)
grafana_password=$(cat /run/secrets/grafana_influx_password)

# With no admin yet, InfluxDB 1.x accepts exactly one statement without credentials: creating the first admin.
influx -execute "SHOW USERS" -username admin -password "$admin_password" >/dev/null 2>&1 \
  || influx -execute "CREATE USER admin WITH PASSWORD '$admin_password' WITH ALL PRIVILEGES"

q() { influx -username admin -password "$admin_password" -execute "$1"; }
q "CREATE DATABASE \"$DB\""
q "CREATE RETENTION POLICY \"raw\" ON \"$DB\" DURATION $RAW_RETENTION REPLICATION 1 DEFAULT"
q "CREATE RETENTION POLICY \"trend_5m\" ON \"$DB\" DURATION INF REPLICATION 1"
q "CREATE RETENTION POLICY \"trend_1h\" ON \"$DB\" DURATION INF REPLICATION 1"
q "CREATE CONTINUOUS QUERY \"reading_5m\" ON \"$DB\" BEGIN SELECT mean(\"value\") AS \"mean\", max(\"value\") AS \"max\", min(\"value\") AS \"min\", count(\"value\") AS \"count\" INTO \"$DB\".\"trend_5m\".\"reading\" FROM \"$DB\".\"raw\".\"reading\" GROUP BY time(5m), * END"
q "CREATE CONTINUOUS QUERY \"reading_1h\" ON \"$DB\" BEGIN SELECT mean(\"mean\") AS \"mean\", max(\"max\") AS \"max\", min(\"min\") AS \"min\", sum(\"count\") AS \"count\" INTO \"$DB\".\"trend_1h\".\"reading\" FROM \"$DB\".\"trend_5m\".\"reading\" GROUP BY time(1h), * END"
q "CREATE USER \"cleanroom-monitor\" WITH PASSWORD '$service_password'" || true
q "SET PASSWORD FOR \"cleanroom-monitor\" = '$service_password'"
q "GRANT ALL ON \"$DB\" TO \"cleanroom-monitor\""
q "CREATE USER \"grafana\" WITH PASSWORD '$grafana_password'" || true
q "SET PASSWORD FOR \"grafana\" = '$grafana_password'"
q "GRANT READ ON \"$DB\" TO \"grafana\""
q "SHOW RETENTION POLICIES ON \"$DB\""
q "SHOW CONTINUOUS QUERIES"
