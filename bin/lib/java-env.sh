# Sourced by the bin/ scripts: finds a JDK >= 21 and exports JAVA_HOME.
# The machine's default java may be 17; the build and the registry need 21+.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
}

choose_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "error: this project needs a JDK 21 or newer." >&2
    echo "       Set JAVA_HOME to one, or install one under /usr/lib/jvm." >&2
    exit 3
  fi
  JAVA_HOME="$best"
}

choose_jdk
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
