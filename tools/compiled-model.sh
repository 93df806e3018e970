#!/usr/bin/env bash
# Regenerates the compiled EF Core model of MusicPlayerDbContext for SQLite (src/Infrastructure/Persistence/CompiledModel),
# which SQLite uses instead of building the model from the configurations at every start (DatabaseProvider.Configure).
# Run it after any change to the model (entities, configurations, OnModelCreating): CompiledModelTests fails until then.
# It installs the dotnet-ef tool into .tools if missing and builds the API once with Microsoft.EntityFrameworkCore.Design
# (EfDesign=true).
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
OUT="$ROOT/src/Infrastructure/Persistence/CompiledModel"
[ -x "$TOOLS/dotnet-ef" ] || dotnet tool install dotnet-ef --version 10.0.15 --tool-path "$TOOLS" >/dev/null
# Written beside the current one, which the build that generates the new one still needs (DatabaseProvider names it),
# then swapped in; the model is built from the configurations (Database:CompiledModel=false), never from the old one.
NEW="$OUT.new"
rm -rf "$NEW"
cd "$ROOT"
EfDesign=true Database__CompiledModel=false ASPNETCORE_ENVIRONMENT=Development \
  "$TOOLS/dotnet-ef" dbcontext optimize -p src/Infrastructure -s src/Api -c MusicPlayerDbContext \
    -o Persistence/CompiledModel.new -n MusicPlayer.Infrastructure.Persistence.CompiledModel >/dev/null
# EF Core would pick the model up from this assembly attribute for every provider; it is SQLite's alone, and
# DatabaseProvider names it for SQLite.
rm "$NEW/MusicPlayerDbContextAssemblyAttributes.cs"
rm -rf "$OUT"
mv "$NEW" "$OUT"
# The next plain build restores without the design package again.
dotnet restore "$ROOT/src/Api" >/dev/null
echo "compiled model written to ${OUT#"$ROOT/"}"
