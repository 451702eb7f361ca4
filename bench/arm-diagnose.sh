#!/usr/bin/env bash
# ARM collection benchmark: runs the built `acr-netcheck diagnose` against the local fake ARM (test/AcrNetCheck.Testing,
# HTTPS on 127.0.0.1 only) that adds a fixed latency to every ARM request, and prints per run: ARM requests, the
# dependency depth of the read graph, the collector's wall time and wall / (depth x latency). Sequential reads would
# give a ratio near requests / depth; the target is <= 1.3. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
LATENCY_MS=${LATENCY_MS:-150}
RUNS=${RUNS:-5}
FIXTURE=${FIXTURE:-samples/combined-multi-cause.json}
SUB=6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b
FROM=${FROM:-/subscriptions/$SUB/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-aks}

work=$(mktemp -d)
fake_pid=
cleanup() { [ -n "${fake_pid}" ] && kill "$fake_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/AcrNetCheck.Cli -c Release -nologo -v quiet >/dev/null
dotnet build test/AcrNetCheck.Testing -c Release -nologo -v quiet >/dev/null
tool=${TOOL:-src/AcrNetCheck.Cli/bin/Release/net10.0/acr-netcheck.dll}

# The fake ARM runs until its stdin closes; a fifo keeps stdin open and gives us its url/ca/token lines.
mkfifo "$work/in" "$work/out"
dotnet test/AcrNetCheck.Testing/bin/Release/net10.0/AcrNetCheck.Testing.dll fake-arm "$FIXTURE" --latency-ms "$LATENCY_MS" <"$work/in" >"$work/out" &
fake_pid=$!
exec 3>"$work/in"
exec 4<"$work/out"
read -r url_line <&4; read -r ca_line <&4; read -r token_line <&4
url=${url_line#url=}; ca=${ca_line#ca=}; token=${token_line#token=}

# An Azure CLI configuration whose active cloud is the fake, and a fake az handing out its token.
mkdir -p "$work/.azure" "$work/bin"
printf '[cloud]\nname = LocalArm\n' >"$work/.azure/config"
printf '[LocalArm]\nendpoint_resource_manager = %s\nendpoint_active_directory_resource_id = https://management.core.windows.net/\nsuffix_acr_login_server_endpoint = .azurecr.io\n' "$url" >"$work/.azure/clouds.config"
printf '{"subscriptions": [{"id": "%s", "name": "bench", "isDefault": true, "environmentName": "LocalArm"}]}' "$SUB" >"$work/.azure/azureProfile.json"
printf '#!/bin/sh\necho '"'"'{"accessToken": "%s", "expiresOn": "2030-01-01 00:00:00.000000", "expires_on": 1893456000}'"'"'\n' "$token" >"$work/bin/az"
chmod +x "$work/bin/az"

printf 'latency %s ms per ARM request, fixture %s\n' "$LATENCY_MS" "$FIXTURE"
printf '%-4s %-9s %-6s %-13s %-14s %s\n' run requests depth arm-wall-ms process-wall-ms ratio
ratios=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  env -u MSI_ENDPOINT -u IDENTITY_ENDPOINT -u AZURE_CLIENT_ID -u AZURE_TENANT_ID -u AZURE_CLIENT_SECRET \
    AZURE_CONFIG_DIR="$work/.azure" SSL_CERT_FILE="$ca" PATH="$work/bin:$PATH" AZURE_TOKEN_CREDENTIALS=AzureCliCredential \
    dotnet "$tool" diagnose -n contoso -g rg-registry --no-probes --no-logs --from "$FROM" --verbose ${BENCH_DEBUG:+--debug} -o none --fail-on none 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  process_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # INFO: arm: 18 reads in 512 ms, dependency depth 3, 0 failed
  stats=$(grep -o 'arm: [0-9]* reads in [0-9]* ms, dependency depth [0-9]*' "$work/err")
  reads=$(echo "$stats" | awk '{print $2}'); wall=$(echo "$stats" | awk '{print $5}'); depth=$(echo "$stats" | awk '{print $9}')
  ratio=$(awk -v w="$wall" -v d="$depth" -v l="$LATENCY_MS" 'BEGIN { printf "%.2f", w / (d * l) }')
  ratios+=("$ratio")
  [ -n "${BENCH_DEBUG:-}" ] && cat "$work/err" >&2
  printf '%-4s %-9s %-6s %-13s %-14s %s\n' "$run" "$reads" "$depth" "$wall" "$process_ms" "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median ratio wall / (depth x latency): $median (target <= 1.3)"
exec 3>&-
