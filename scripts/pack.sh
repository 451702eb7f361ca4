#!/usr/bin/env bash
# Packs the tool as `dotnet tool install` finds it, into the folder given:
#   acr-netcheck            the package users name; it points to the two below
#   acr-netcheck.linux-x64  the native build (Native AOT), made only on linux-x64: Native AOT does not cross-compile
#                           between operating systems, and a machine without it gets the portable package instead
#   acr-netcheck.any        the portable, framework-dependent build for every other platform (needs the .NET 10 runtime)
# Extra arguments go to each `dotnet pack` (-nologo, -v quiet).
#   scripts/pack.sh ./nupkg
set -euo pipefail
out=$(realpath -m "${1:?usage: scripts/pack.sh <output folder> [dotnet pack arguments]}"); shift
cd "$(dirname "$0")/.."
project=src/AcrNetCheck.Cli
dotnet pack "$project" -c Release -o "$out" "$@"
if [ "$(uname -s)/$(uname -m)" = Linux/x86_64 ]; then
  if ! command -v gcc >/dev/null && ! command -v clang >/dev/null || [ ! -e /usr/include/zlib.h ]; then
    echo "pack: the native linux-x64 package needs a C toolchain: install gcc (or clang) and zlib1g-dev (scripts/install-test-deps.sh does, as root)" >&2
    exit 1
  fi
  dotnet pack "$project" -c Release -r linux-x64 -o "$out" "$@"
fi
dotnet pack "$project" -c Release -r any -o "$out" "$@"
