#!/usr/bin/env bash
# scripts/bench.sh NAME [seconds] — runs one benchmark; its last line is one JSON object.
# Benchmarks: registration, agenda, reminders, certificates
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
need_dotnet
if [ $# -lt 1 ]; then
  echo "usage: scripts/bench.sh registration|agenda|reminders|certificates [seconds]" >&2
  exit 2
fi
dotnet build "$root/src/EventManager.Web/EventManager.Web.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/tests/EventManager.Benchmarks/EventManager.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$root/tests/EventManager.Benchmarks/bin/Release/net10.0/EventManager.Benchmarks.dll" "$@"
