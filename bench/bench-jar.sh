#!/usr/bin/env bash
# The benchmark classes (src/bench/java: RuntimeBenchmark, PeerBenchmark, InProcessThroughput, ...)
# ship in their own jar, never in the product's. Sourced by the bench scripts, this builds
# target/signdigits-bench.jar together with target/signdigits.jar and target/lib when one is missing
# or older than the sources, and sets BENCH_CP, the class path to run a benchmark class with:
#
#   source bench/bench-jar.sh
#   java -cp "$BENCH_CP" dev.signdigits.predict.RuntimeBenchmark --model models/finetuned/latest
#
# Run on its own, it builds and prints BENCH_CP. The build: mvn -B -Pbench -Dmaven.test.skip=true package
set -euo pipefail
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_jar="$bench_root/target/signdigits-bench.jar"
if [[ ! -f "$bench_jar" || ! -f "$bench_root/target/signdigits.jar" || ! -d "$bench_root/target/lib" ]] || \
   [[ -n "$(find "$bench_root/pom.xml" "$bench_root/src/main" "$bench_root/src/bench" -newer "$bench_jar" -print -quit 2>/dev/null)" ]]; then
  echo "bench: building target/signdigits-bench.jar and the product jar (first run or sources changed; takes a minute)..." >&2
  (cd "$bench_root" && mvn -B -q -Pbench -Dmaven.test.skip=true package) >&2
  touch "$bench_jar"   # an up-to-date jar is not rewritten: mark it checked against the sources
fi
BENCH_CP="$bench_jar:$bench_root/target/signdigits.jar:$bench_root/target/lib/*"
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  echo "$BENCH_CP"
fi
