#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Rota and runs the main job on the bundled
# example. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f /usr/include/glpk.h ] || [ ! -f /usr/include/zlib.h ]; then
  echo "bootstrap: installing libglpk-dev (GLPK, GPL-3.0-or-later) and zlib1g-dev (for .xlsx sheets)" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libglpk-dev zlib1g-dev >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "bootstrap: no Swift toolchain on PATH; install Swift 6.1 or newer from swift.org" >&2
  exit 1
fi

swift build -c release --product rota >&2
# The main job: one month of the 12338 hotline, from a scenario and a volunteer CSV.
exec .build/release/rota solve Examples/hotline-12338/scenario.yaml --out out/hotline-12338 --time-limit 30 "$@"
