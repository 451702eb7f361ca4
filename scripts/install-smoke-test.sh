#!/usr/bin/env bash
# Packs the global tool (scripts/pack.sh), installs it offline from the local folder into a tool path, and runs the main
# job on a bundled sample, as README tells a user to. Exits non-zero on any failure.
#   install-smoke-test.sh [TOOL_PATH]   installs into TOOL_PATH and leaves it there (.ci/run runs the tests against
#                                       it); without one, into a throwaway folder
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools=${1:-$work/tools}
pack_log=$(bash scripts/pack.sh "$work/nupkg" -nologo -v minimal 2>&1) || { echo "$pack_log" >&2; exit 1; }
# NuGet's own warnings (NU5xxx: missing readme, project URL…) mean the package page is incomplete.
if grep -q "warning NU" <<<"$pack_log"; then
  echo "install smoke test: dotnet pack warned:" >&2; grep "warning NU" <<<"$pack_log" | sort -u >&2; exit 1
fi
# The portable package (acr-netcheck.<version>.nupkg) carries the metadata every RID package repeats.
nuspec=$(unzip -p "$(ls "$work"/nupkg/acr-netcheck.[0-9]*.nupkg)" acr-netcheck.nuspec)
for element in '<readme>README.md</readme>' '<projectUrl>' '<repository type="git"' '<tags>'; do
  grep -qF "$element" <<<"$nuspec" || { echo "install smoke test: the package's nuspec lacks $element" >&2; exit 1; }
done
dotnet tool install --tool-path "$tools" --add-source "$work/nupkg" acr-netcheck >/dev/null
"$tools/acr-netcheck" --version
# On linux-x64 the install must have picked the native package: one executable, no managed dll to JIT.
if [ "$(uname -s)/$(uname -m)" = Linux/x86_64 ]; then
  installed=$(dirname "$(readlink -f "$tools/acr-netcheck")")
  case "$installed" in */acr-netcheck.linux-x64/*) ;; *) echo "install smoke test: installed $installed, not the linux-x64 package" >&2; exit 1;; esac
  if [ -e "$installed/acr-netcheck.dll" ]; then echo "install smoke test: the linux-x64 package holds a managed acr-netcheck.dll, not the native build" >&2; exit 1; fi
fi
# The main job, with the installed tool and with the portable package other platforms get (installed by its own id).
dotnet tool install --tool-path "$work/portable" --add-source "$work/nupkg" acr-netcheck.any >/dev/null
for tool in "$tools/acr-netcheck" "$work/portable/acr-netcheck"; do
  set +e
  "$tool" analyze samples/private-endpoint-dns-not-linked.json --query "findings[0].id" -o tsv > "$work/out.txt"
  code=$?
  set -e
  first=$(cat "$work/out.txt")
  if [ "$code" -ne 3 ] || [ "$first" != "vnet.private-dns-zone-not-linked" ]; then
    echo "install smoke test: $tool: expected exit 3 and first finding vnet.private-dns-zone-not-linked, got exit $code and '$first'" >&2
    exit 1
  fi
done
echo "install smoke test: passed (the installed tool and the portable package found $first)"
