#!/usr/bin/env bash
# Writes the idempotent SQL Server migration script (no server needed) to artifacts/sqlserver-migrations.sql,
# for a DBA who applies schema changes by hand. The app also migrates by itself at start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/prerequisites.sh
need_dotnet
dotnet tool restore >/dev/null
mkdir -p artifacts
dotnet ef migrations script --idempotent \
  --project src/EventManager.Migrations.SqlServer --startup-project src/EventManager.Migrations.SqlServer \
  --output artifacts/sqlserver-migrations.sql
echo "Wrote artifacts/sqlserver-migrations.sql"
