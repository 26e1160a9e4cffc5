#!/usr/bin/env bash
# Installs what CleanroomMonitor needs from Debian (only what is missing, so it is safe to run again) and builds.
# Usage: deploy/local/setup.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(mosquitto mosquitto-clients influxdb libmodbus5 socat curl iproute2 chromium python3-aiosmtpd poppler-utils postgresql-15)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  $sudo apt-get update -qq
  # The packages' own system services are not used: every script and test starts its own servers on loopback.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
if [[ "${1:-}" != "--no-build" ]]; then
  dotnet build CleanroomMonitor.sln -c Release -nologo -clp:ErrorsOnly -v:quiet
fi
