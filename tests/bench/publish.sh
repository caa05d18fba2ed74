#!/usr/bin/env bash
# The published command: a NativeAOT binary (no JIT at start-up) in ./publish/portfoliogen, themes beside it.
# Compiled for speed and for x86-64-v3 (AVX2: Intel Haswell / AMD Zen and later, every x86-64 CI runner and cloud
# machine of today): ~5% faster than the baseline instruction set on the benchmarks (tests/bench/compare.py).
# On an older CPU the binary stops at start with a message naming the missing instruction sets; publish for it with
#   PORTFOLIOGEN_ISA=x86-64 bash tests/bench/publish.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dotnet publish "$root/src/PortfolioGen.Cli" -c Release -r linux-x64 -p:PublishAot=true -p:OptimizationPreference=Speed \
  -p:IlcInstructionSet="${PORTFOLIOGEN_ISA:-x86-64-v3}" -o "$root/publish" "$@"
echo "published: $root/publish/portfoliogen"
