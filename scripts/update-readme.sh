#!/usr/bin/env bash
# Regenerates the generated parts of README.md: the rule catalog (from `acr-netcheck rules -o markdown`) and the
# output excerpt (from a sample). A test keeps the catalog equal to the registry.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/AcrNetCheck.Cli -nologo -v quiet >/dev/null
tool=src/AcrNetCheck.Cli/bin/Debug/net10.0/acr-netcheck
catalog=$("$tool" rules -o markdown)
excerpt=$("$tool" analyze samples/private-endpoint-dns-not-linked.json -o table || true)
python3 - "$catalog" "$excerpt" <<'PY'
import re, sys
catalog, excerpt = sys.argv[1], sys.argv[2]
text = open("README.md").read()
def put(text, name, body):
    return re.sub(rf"<!-- {name}:begin -->.*?<!-- {name}:end -->", lambda m: f"<!-- {name}:begin -->\n{body}\n<!-- {name}:end -->", text, flags=re.S)
text = put(text, "rules", catalog.strip())
text = put(text, "excerpt", "```text\n$ acr-netcheck analyze samples/private-endpoint-dns-not-linked.json -o table\n" + excerpt.rstrip() + "\n```")
open("README.md", "w").write(text)
PY
