#!/usr/bin/env bash
# Throughput of the Annys et al. 2023 EELS simulator (tessera.eels.sim) with its streaming HDF5 shard writer
# (SimulationWriter, as `tessera simulate eels`), and the gallery docs/eels-simulated-gallery.png. Needs the bundle
# built (./mvnw -B -o install -DskipTests -pl bundles/tessera.eels -am).
# Not part of the test suite. Usage: benchmarks/eels_simulate.sh [N=10000] [CHUNK=2000] [WORKDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
n="${1:-10000}"; chunk="${2:-2000}"; work="${3:-${TMPDIR:-/tmp}/tessera-eels-sim}"
mkdir -p "$work/classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
m2="${M2_REPO:-$HOME/.m2/repository}"
cp=""
for j in "$root"/bundles/tessera.eels/target/tessera.eels-*.jar "$root"/bundles/tessera.core/target/tessera.core-*.jar \
         "$m2"/io/jhdf/jhdf/0.13.0/jhdf-0.13.0.jar "$m2"/tools/jackson/core/jackson-databind/3.2.2/jackson-databind-3.2.2.jar \
         "$m2"/tools/jackson/core/jackson-core/3.2.2/jackson-core-3.2.2.jar \
         "$m2"/com/fasterxml/jackson/core/jackson-annotations/2.22/jackson-annotations-2.22.jar \
         "$m2"/org/jfree/jfreechart/1.5.6/jfreechart-1.5.6.jar "$m2"/org/apache/commons/commons-lang3/3.20.0/commons-lang3-3.20.0.jar \
         "$m2"/org/slf4j/slf4j-api/2.0.18/slf4j-api-2.0.18.jar; do
  [ -f "$j" ] || { echo "missing $j (build the bundle first)" >&2; exit 1; }
  cp="$cp:$j"
done
cp="${cp#:}"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$cp" "$here/src/EelsSimBench.java"
uptime
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$work/classes:$cp" EelsSimBench "$n" "$chunk" "$work/out" "$root/docs/eels-simulated-gallery.png"
