# Shared by the bench scripts: a stand-in from test/AcrNetCheck.Testing serving HTTPS on 127.0.0.1 as its own process,
# and an Azure CLI configuration whose active cloud points at it, with a fake az handing out its token. Nothing here
# talks to anything but loopback. Source it from the repository root: it makes `work`, a temp directory removed (with the
# stand-in stopped) on exit, and builds the tool and the stand-ins (Release); `tool` is the tool's dll (or $TOOL).

testing_dll=test/AcrNetCheck.Testing/bin/Release/net10.0/AcrNetCheck.Testing.dll
work=$(mktemp -d)
stand_in_pid=
cleanup() { [ -n "${stand_in_pid}" ] && kill "$stand_in_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/AcrNetCheck.Cli -c Release -nologo -v quiet >/dev/null
dotnet build test/AcrNetCheck.Testing -c Release -nologo -v quiet >/dev/null
tool=${TOOL:-src/AcrNetCheck.Cli/bin/Release/net10.0/acr-netcheck.dll}

# start_stand_in <mode> <args…>: starts the stand-in (it runs until its stdin closes), keeps its stdin open on fd 3,
# sets stand_in_pid, url, ca and token from its first three lines; its stderr goes to $work/stand-in.err.
start_stand_in() {
  rm -f "$work/in" "$work/out"
  mkfifo "$work/in" "$work/out"
  dotnet "$testing_dll" "$@" <"$work/in" >"$work/out" 2>"$work/stand-in.err" &
  stand_in_pid=$!
  exec 3>"$work/in"
  exec 4<"$work/out"
  local url_line ca_line token_line
  read -r url_line <&4; read -r ca_line <&4; read -r token_line <&4
  url=${url_line#url=}; ca=${ca_line#ca=}; token=${token_line#token=}
}

# stop_stand_in: closes its stdin and waits for it to print what it served (to $work/stand-in.err).
stop_stand_in() {
  exec 3>&- 4<&-
  wait "$stand_in_pid" || true
  stand_in_pid=
}

# write_local_azure <subscription>: $work/.azure (custom cloud LocalArm at $url, signed in to <subscription>) and $work/bin/az.
write_local_azure() {
  mkdir -p "$work/.azure" "$work/bin"
  printf '[cloud]\nname = LocalArm\n' >"$work/.azure/config"
  printf '[LocalArm]\nendpoint_resource_manager = %s\nendpoint_active_directory_resource_id = https://management.core.windows.net/\nsuffix_acr_login_server_endpoint = .azurecr.io\n' "$url" >"$work/.azure/clouds.config"
  printf '{"subscriptions": [{"id": "%s", "name": "bench", "isDefault": true, "environmentName": "LocalArm"}]}' "$1" >"$work/.azure/azureProfile.json"
  printf '#!/bin/sh\necho '"'"'{"accessToken": "%s", "expiresOn": "2030-01-01 00:00:00.000000", "expires_on": 1893456000}'"'"'\n' "$token" >"$work/bin/az"
  chmod +x "$work/bin/az"
}

# with_local_azure <command…>: runs it with only the local cloud and the fake az (AzureCliCredential alone, so no
# managed-identity probe of IMDS), trusting the stand-in's CA (SSL_CERT_FILE). .NET still reads the machine's trust
# directory (SSL_CERT_DIR, /etc/ssl/certs) at the first TLS validation, as it does for a user; with ONLY_STAND_IN_CA=1
# that directory is an empty one, so the stand-in's CA is the only root and the figures leave that load out.
with_local_azure() {
  local trust_dir=()
  if [ "${ONLY_STAND_IN_CA:-0}" = 1 ]; then mkdir -p "$work/no-roots"; trust_dir=(SSL_CERT_DIR="$work/no-roots"); fi
  env -u MSI_ENDPOINT -u IDENTITY_ENDPOINT -u AZURE_CLIENT_ID -u AZURE_TENANT_ID -u AZURE_CLIENT_SECRET \
    AZURE_CONFIG_DIR="$work/.azure" SSL_CERT_FILE="$ca" "${trust_dir[@]}" PATH="$work/bin:$PATH" AZURE_TOKEN_CREDENTIALS=AzureCliCredential "$@"
}
