# shellcheck shell=bash
# Sourced by ./stack: the JDK's ahead-of-time cache (JEP 483, Java 25's -XX:AOTCacheOutput)
# for each service, so a start does not load, parse and link the same ten thousand classes
# again. On this 2-core machine it took a service's own start-up (Spring's part) from about
# 10 s to 3 s (docs/benchmark.md, issue 17).
#
# A cache is trained once per build of a service: its executable jar is extracted (the
# JDK caches classes only from plain jars on the class path, not from Spring Boot's nested
# ones), then started with the service's own environment until its context has refreshed
# (spring.context.exit=onRefresh: the migrations and the topics are in place, nothing
# consumes or serves), and the JVM writes the classes it loaded to the cache as it exits.
# The training runs without the OpenTelemetry agent: the agent's classes come through its
# own class loader, which the cache does not hold, and Temurin 25.0.3 crashed while
# writing a cache with it attached. java.instrument is added so the cache matches the
# runs, which have the agent. A cache whose jar, JDK or JVM options changed is trained
# again; one the JVM cannot use is ignored by it (a warning in the service's log). Java 21
# to 24 run without it, as does STACK_AOT_CACHE=off.

aot_enabled() {
  [ "${STACK_AOT_CACHE:-on}" != off ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null
}

aot_dir() { echo "$STATE/aot/$1"; }

# What the cache depends on: the jar (its size and time: a build writes a new one), the JDK
# and the JVM options. Cheap to tell, as a restart asks it on the way to starting the JVM.
aot_stamp() {
  local service="$1"
  service_jvm
  {
    stat -c '%s %Y' "$(jar_of "$service")"
    cat "$JAVA_HOME/release" 2>/dev/null || echo "$JAVA_HOME"
    echo "${SERVICE_JVM[*]}"
  } | sha256sum | cut -d' ' -f1
}

aot_current() {
  local dir
  dir="$(aot_dir "$1")"
  [ -s "$dir/app.aot" ] && [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$(aot_stamp "$1")" ]
}

# Sets the caller's launch array to how the service's JVM is started: from its extracted
# jar with its cache when the cache is current, otherwise from its executable jar.
# shellcheck disable=SC2034 # launch belongs to the caller (start_service)
aot_launch() {
  local service="$1" dir
  dir="$(aot_dir "$service")"
  if aot_enabled && aot_current "$service"; then
    launch=("-XX:AOTCache=$dir/app.aot" -jar "$dir/app/${service}-$VERSION-exec.jar")
  else
    launch=(-jar "$(jar_of "$service")")
  fi
}

# Trains, side by side, the caches of the given services that are missing or stale.
# A training that fails leaves that service to start without a cache.
train_aot_caches() {
  aot_enabled || return 0
  local service dir stale=() pids=()
  for service in "$@"; do
    if ! is_running "$service" && ! aot_current "$service"; then stale+=("$service"); fi
  done
  [ "${#stale[@]}" -gt 0 ] || return 0
  # the training creates the topics and runs the migrations, as a start does
  await_ready kafka
  echo "Training the start-up cache of ${stale[*]} (once per build; see $LOGS/aot-*.log)..."
  for service in "${stale[@]}"; do
    dir="$(aot_dir "$service")"
    rm -rf "$dir"
    mkdir -p "$dir"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$(jar_of "$service")" extract --destination "$dir/app" \
      >"$LOGS/aot-$service.log" 2>&1
    service_env "$service"
    service_jvm
    env "${SERVICE_ENV[@]}" "$JAVA_HOME/bin/java" "${SERVICE_JVM[@]}" --add-modules=java.instrument \
      "-XX:AOTCacheOutput=$dir/app.aot" -Dspring.context.exit=onRefresh \
      -jar "$dir/app/${service}-$VERSION-exec.jar" >>"$LOGS/aot-$service.log" 2>&1 &
    pids+=($!)
  done
  local i
  for i in "${!stale[@]}"; do
    service="${stale[$i]}"
    if wait "${pids[$i]}" && [ -s "$(aot_dir "$service")/app.aot" ]; then
      aot_stamp "$service" >"$(aot_dir "$service")/stamp"
    else
      echo "  $service: no start-up cache (see $LOGS/aot-$service.log); it starts without one" >&2
      rm -rf "$(aot_dir "$service")"
    fi
  done
}
