#!/usr/bin/env bash
# Regenerates the EMF model code of tessera.provenance with EMF's own generator, headless:
#   releng/emf-codegen/generate.sh
# 1. asks Maven (the repository's wrapper) for the classpath of org.eclipse.emf.codegen.ecore (pom.xml here),
# 2. runs GenerateModel.java (JDK 25 source launcher) on bundles/tessera.provenance/model/provenance.genmodel,
#    generating into a scratch directory, and
# 3. replaces bundles/tessera.provenance/src-gen with the generated sources (nothing else of the bundle is touched).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/find-jdk.sh"
JDK="$(find_jdk)"
bundle="$root/bundles/tessera.provenance"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# online the first time (downloads the generator from Maven Central), offline-capable afterwards
"$root/mvnw" -B -q ${MVN_OFFLINE:-} -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2
"$JDK/bin/java" -cp "$(cat "$work/cp.txt")" "$here/GenerateModel.java" \
  "$bundle/model/provenance.genmodel" tessera.provenance "$work/out"
rm -rf "$bundle/src-gen"
cp -r "$work/out/src-gen" "$bundle/src-gen"
echo "generated: $(find "$bundle/src-gen" -name '*.java' | wc -l) Java files in $bundle/src-gen" >&2
