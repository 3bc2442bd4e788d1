#!/usr/bin/env bash
# scripts/bench.sh NAME [seconds] — runs one benchmark; its last line is one JSON object.
# Benchmarks: registration, agenda, reminders, certificates, scale, meetings
# BENCH_DATABASE=postgres runs the app on a throw-away PostgreSQL cluster (installed from Debian when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
need_dotnet
if [ $# -lt 1 ]; then
  echo "usage: scripts/bench.sh registration|agenda|reminders|certificates|scale|meetings [seconds]" >&2
  exit 2
fi
dotnet build "$root/src/EventManager.Web/EventManager.Web.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/tests/EventManager.Benchmarks/EventManager.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
if [ "${BENCH_DATABASE:-sqlite}" = "postgres" ] || [ "${BENCH_DATABASE:-sqlite}" = "postgresql" ]; then
  apt_install postgresql >&2
  source "$root/scripts/lib/postgres.sh"
  pg_start >&2
  trap pg_stop EXIT
fi
dotnet "$root/tests/EventManager.Benchmarks/bin/Release/net10.0/EventManager.Benchmarks.dll" "$@"
