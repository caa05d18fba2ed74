#!/usr/bin/env bash
# The published command: a NativeAOT binary (no JIT at start-up) in ./publish/portfoliogen, themes beside it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dotnet publish "$root/src/PortfolioGen.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$root/publish" "$@"
echo "published: $root/publish/portfoliogen"
