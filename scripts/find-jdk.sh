# Sourced by mvnw and scripts/tessera: prints the home of a JDK >= $MIN_JAVA (default 25).
# Order: $JAVA_HOME if new enough, else the newest JDK under /usr/lib/jvm, ~/.jdks, /opt/java, /usr/local/lib/jvm.
MIN_JAVA="${MIN_JAVA:-25}"
java_major() { # $1 = java executable; reads the JDK's release file (no JVM start), else asks the JVM
  local release v
  release="$(dirname "$1")/../release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1)
    [ -n "$v" ] && { echo "$v"; return 0; }
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v=$(java_major "$JAVA_HOME/bin/java")
    if [ "${v:-0}" -ge "$MIN_JAVA" ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
  fi
  local best="" bestv=0 d v
  for d in /usr/lib/jvm/* "$HOME"/.jdks/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d/bin/java"); [ -n "$v" ] || continue
    if [ "$v" -ge "$MIN_JAVA" ] 2>/dev/null && [ "$v" -gt "$bestv" ]; then best="$d"; bestv="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "no JDK >= $MIN_JAVA found (JAVA_HOME=${JAVA_HOME:-unset}; searched /usr/lib/jvm, ~/.jdks, /opt/java, /usr/local/lib/jvm)" >&2
    return 1
  fi
  echo "$best"
}
