#!/usr/bin/env bash
# Installs what the tests need, runs every test project, and ends with one line:
#   tests: N passed, N failed, N skipped
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/prerequisites.sh

need_dotnet
# Browser tests drive Debian's Chromium; fonts let pages and certificates show every script.
apt_install chromium "${FONT_PACKAGES[@]}" poppler-utils qpdf zbar-tools postgresql || { echo "tests: 0 passed, 1 failed"; exit 1; }

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

echo "Building ..."
if ! dotnet build EventManager.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

# The database-facing tests run on SQLite and on PostgreSQL: a throw-away cluster for this run, stopped at the end.
source scripts/lib/postgres.sh
pg_start || { echo "tests: 0 passed, 1 failed"; exit 1; }
trap pg_stop EXIT

status=0
for project in tests/EventManager.Tests tests/EventManager.BrowserTests; do
  name=$(basename "$project")
  echo "Running $name ..."
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=$((found + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(value total); executed=$(value executed)
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
done

if [ "$found" -lt 2 ] && [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # a test run died before writing its results
fi
[ "$failed" -gt 0 ] && status=1
if [ "$failed" -gt 0 ]; then
  # The console log is long; name what failed (and why) right above the summary line.
  scripts/lib/failed-tests.py "$results"/*.trx 2>/dev/null || true
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
