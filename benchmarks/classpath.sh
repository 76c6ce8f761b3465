# Sourced by the benchmark scripts. bench_classpath ROOT BUNDLE... prints the class path of the named bundles' built
# jars (bundles/BUNDLE/target), tessera.lib.ejml (thirdparty/ build, else ~/.m2), and jHDF with its dependencies, the
# versions the product's target platform pins; it fails naming the first jar that is missing.
bench_classpath() {
  local root="$1" m2="${M2_REPO:-$HOME/.m2/repository}" cp="" b j ejml
  shift
  ejml="$(ls "$root"/thirdparty/tessera.lib.ejml/target/tessera.lib.ejml-*.jar 2>/dev/null | head -1)"
  local jars=()
  for b in "$@"; do
    jars+=("$root"/bundles/"$b"/target/"$b"-*.jar)
  done
  jars+=("${ejml:-$m2/tessera/tessera.lib.ejml/0.1.0-SNAPSHOT/tessera.lib.ejml-0.1.0-SNAPSHOT.jar}"
    "$m2"/io/jhdf/jhdf/0.13.0/jhdf-0.13.0.jar "$m2"/org/apache/commons/commons-lang3/3.20.0/commons-lang3-3.20.0.jar
    "$m2"/org/slf4j/slf4j-api/2.0.18/slf4j-api-2.0.18.jar "$m2"/com/ning/compress-lzf/1.2.0/compress-lzf-1.2.0.jar
    "$m2"/at/yawk/lz4/lz4-java/1.11.1/lz4-java-1.11.1.jar)
  for j in "${jars[@]}"; do
    [ -f "$j" ] || { echo "missing $j (build first: ./mvnw -B -o -q package -DskipTests)" >&2; return 1; }
    cp="$cp:$j"
  done
  echo "${cp#:}"
}
