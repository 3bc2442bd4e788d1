#!/usr/bin/env bash
# Runs EventManager on the embedded SQLite database with the demo event, at http://127.0.0.1:${PORT:-5000}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"

need_dotnet
apt_install "${FONT_PACKAGES[@]}" || echo "(Continuing without the fonts: pages still work; printed certificates need them.)" >&2

port="${PORT:-5000}"
echo "Building EventManager ..."
dotnet build "$root/src/EventManager.Web/EventManager.Web.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

export ASPNETCORE_URLS="http://127.0.0.1:${port}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export Database__DataDirectory="${Database__DataDirectory:-$root/App_Data}"
# The demo goes only into an empty data folder: a database that holds anything never gets its public passwords.
export Demo__Seed="${Demo__Seed:-true}"
# Every link the app writes (messages, PDFs, QR codes) starts with this address, never with the request's Host.
export App__PublicBaseUrl="${App__PublicBaseUrl:-http://127.0.0.1:${port}}"

cat <<TXT

  EventManager is starting at http://127.0.0.1:${port}
  Data (SQLite, jobs): ${Database__DataDirectory}
  Demo (seeded only into an empty data folder):
  Demo organiser: organiser@demo.eventmanager.test  password: Demo-Organiser-2026
  Demo staff:     staff@demo.eventmanager.test      password: Demo-Staff-2026
  Stop with Ctrl+C.

TXT
cd "$root/src/EventManager.Web"
exec dotnet bin/Release/net10.0/EventManager.Web.dll
