# Sourced by scripts/tessera: the shared, concurrency-safe start-up cache of the Equinox configuration area.
#
# Without it every run copied the product's bare configuration/ into a fresh directory, so Equinox installed and
# resolved all ~100 bundles and the extension registry parsed every plugin.xml again (about 2-3 s of CPU per run).
# Now the first run after a (re)build primes a configuration once (a `--version` run, which leaves the framework state
# org.eclipse.osgi/framework.info and the registry cache org.eclipse.core.runtime/.registry behind) and publishes it
# atomically as $TESSERA_CACHE/config-<product path key>/<product content key>/; every run then copies that primed
# state (a few hundred KB) into its own private configuration area, so runs stay independent (a drop-in installed by one
# run, the workbench's own configuration writes, never leak into another) and the install area stays read-only.
#
# Keys: the product's path, and the names, sizes and modification times of its plugins/, features/, config.ini,
# bundles.info and of the JDK (release, lib/modules): a rebuild or another JDK primes a new configuration and removes
# the stale ones of the same product. Concurrency: priming holds an exclusive flock on config-<path key>.lock (runs
# started together wait for the one that primes, then all copy the same state); copying holds a shared one. Without
# flock, or if priming fails, a run falls back to the bare configuration of the product (correct, only slower).
#
# Two flavours are primed: "workbench" (every bundle of the product) and "cli" (the same without the bundles only the
# workbench uses: SWT, JFace, the e4 runtime, tessera.ui and their CSS/SVG/DI/event dependencies, WORKBENCH_ONLY below),
# so the headless commands neither install, resolve nor start them (felix.scr would otherwise activate the e4 workbench's
# declarative-services components on every `tessera info`). A cli priming that fails (an error logged, e.g. because a
# headless bundle came to need one of those) falls back to the workbench flavour.
# Expects: PRODUCT, JDK, JAVA_BIN, LAUNCHER, JAVA_ARGS (array).

TESSERA_CACHE="${TESSERA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tessera}"
# bundles.info lines (symbolic names) of the bundles that only the workbench needs (an extended regular expression)
WORKBENCH_ONLY='^(tessera\.ui|org\.eclipse\.(e4\.[^,]*|swt[^,]*|jface[^,]*|core\.databinding[^,]*|core\.commands|core\.expressions|urischeme|equinox\.event|emf\.ecore\.change)|org\.osgi\.service\.event|org\.apache\.batik\.[^,]*|com\.github\.weisj\.jsvg|wrapped\.xml-apis\.xml-apis-ext|jakarta\.(inject|annotation)[^,]*),'

# prints a key of the product's and the JDK's content (changes with every rebuild)
product_content_key() {
  stat -c '%n %s %Y' "$PRODUCT"/plugins/* "$PRODUCT"/features/* "$PRODUCT/configuration/config.ini" \
    "$PRODUCT"/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info "$JDK/release" "$JDK/lib/modules" 2>/dev/null \
    | sha1sum | cut -c1-16
}

# primes the shared configuration $1 (a directory that must not exist yet) of flavour $2 (cli or workbench) under the
# exclusive lock; returns non-zero if the priming run failed or logged an error (nothing is published then)
prime_configuration() {
  local primed="$1" flavour="$2" parent tmp bi
  parent="$(dirname "$primed")"
  tmp="$(mktemp -d "$parent/.priming-XXXXXX")" || return 1
  cp -r "$PRODUCT/configuration/." "$tmp/"
  if [ "$flavour" = cli ]; then
    bi="$tmp/org.eclipse.equinox.simpleconfigurator/bundles.info"
    grep -v -E "$WORKBENCH_ONLY" "$PRODUCT/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info" >"$bi"
  fi
  if "$JAVA_BIN" -Djava.awt.headless=true -XX:TieredStopAtLevel=1 "${JAVA_ARGS[@]}" -Dosgi.configuration.area="file:$tmp/" \
       -jar "$LAUNCHER" -application tessera.cli.app -nosplash --version >/dev/null 2>"$tmp/.priming.out" \
     && ls "$tmp"/org.eclipse.osgi/framework.info.* >/dev/null 2>&1 && ! ls "$tmp"/*.log >/dev/null 2>&1; then
    rm -f "$tmp/.priming.out"
    mv "$tmp" "$primed"
  else
    [ "$flavour" = cli ] || echo "tessera: warning: could not prime the start-up cache in $parent; starting without it" >&2
    rm -rf "$tmp"
    return 1
  fi
}

# prints the primed configuration of flavour $1 (cli or workbench) for this product build, priming it first if needed;
# returns non-zero if there is none (no flock, or priming failed)
primed_configuration() {
  local flavour="$1" pkey ckey parent lock primed
  command -v flock >/dev/null 2>&1 || return 1
  pkey="$(echo "$PRODUCT" | sha1sum | cut -c1-12)"
  ckey="$(product_content_key)"
  parent="$TESSERA_CACHE/config-$pkey"
  primed="$parent/$ckey-$flavour"
  lock="$TESSERA_CACHE/config-$pkey.lock"
  if [ ! -d "$primed" ]; then
    mkdir -p "$parent"
    ( flock -x 9 || exit 1
      [ -d "$primed" ] && exit 0
      # the configurations primed for earlier builds of this product (their runs copied theirs at start-up) and the
      # leftovers of interrupted primings go (this process holds the exclusive lock)
      find "$parent" -mindepth 1 -maxdepth 1 -type d ! -name "$ckey-*" -exec rm -rf {} + 2>/dev/null
      prime_configuration "$primed" "$flavour" ) 9>"$lock" || true
  fi
  [ -d "$primed" ] || return 1
  echo "$primed"
}

# removes the private configuration areas of runs that were killed before their exit trap ran (run-<shell pid>-*,
# older than an hour, whose shell is gone)
remove_abandoned_runs() {
  local d pid
  while IFS= read -r d; do
    pid="${d##*/run-}"; pid="${pid%%-*}"
    case "$pid" in ''|*[!0-9]*) continue ;; esac
    kill -0 "$pid" 2>/dev/null || rm -rf "$d"
  done < <(find "$TESSERA_CACHE" -mindepth 1 -maxdepth 1 -type d -name 'run-*-*' -mmin +60 2>/dev/null)
}

# prints a new private configuration area for this process, flavour $1 (cli or workbench), filled from the primed
# configuration (the workbench flavour if the cli one cannot be primed; failing both, the product's bare configuration)
private_configuration() {
  local conf primed="" lock
  mkdir -p "$TESSERA_CACHE"
  remove_abandoned_runs
  conf="$(mktemp -d "$TESSERA_CACHE/run-$$-XXXXXX")"
  primed="$(primed_configuration "$1")" || { [ "$1" = cli ] && primed="$(primed_configuration workbench)"; } || true
  lock="$TESSERA_CACHE/config-$(echo "$PRODUCT" | sha1sum | cut -c1-12).lock"
  if [ -n "$primed" ] && flock -s "$lock" cp -r "$primed/." "$conf/"; then
    echo "$conf"
    return 0
  fi
  cp -r "$PRODUCT/configuration/." "$conf/"
  echo "$conf"
}
