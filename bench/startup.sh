#!/usr/bin/env bash
# Start-up benchmark: packs the tool (scripts/pack.sh), installs it offline into a throwaway tool path (as README's Install section does)
# and times `acr-netcheck --version` and `acr-netcheck analyze <sample>` as a user's shell runs them. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash scripts/pack.sh "$work/nupkg" -nologo -v quiet >/dev/null
dotnet tool install --tool-path "$work/tools" --add-source "$work/nupkg" acr-netcheck >/dev/null
echo "packages: $(ls "$work/nupkg" | tr '\n' ' ')"

time_ms() {  # median wall time in ms of RUNS runs of the command
  local samples=()
  for _ in $(seq 1 "$RUNS"); do
    local start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    samples+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
"$work/tools/acr-netcheck" --version >/dev/null  # first run pays for disk caches
echo "acr-netcheck --version: median $(time_ms "$work/tools/acr-netcheck" --version) ms over $RUNS runs (target <= 150)"
echo "acr-netcheck analyze samples/private-endpoint-dns-not-linked.json: median $(time_ms "$work/tools/acr-netcheck" analyze samples/private-endpoint-dns-not-linked.json -o table) ms over $RUNS runs"
