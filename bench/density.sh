#!/usr/bin/env bash
# Density and added-latency run on the cloud-provider path (issue 6, "The figures").
#
#   bench/density.sh CALLS DURATION [RAMP]
#
# Starts the provider simulators, the control plane (with its embedded PostgreSQL) and the load on
# core 1, the media server alone on core 0 (taskset), places CALLS simulated phone calls ramped over
# RAMP seconds (default CALLS/10, at least 5), and measures the media server over a window of
# DURATION seconds that opens once every call is up and a warm-up (BENCH_WARMUP seconds, default 45:
# the JIT compiles the hot paths meanwhile) has passed, and closes early if calls start ending:
#   - CPU ms per call-second: utime+stime from /proc/<pid>/stat over the window, divided by the
#     integral of sparring_active_calls sampled every second over the same window;
#   - heap per call: jvm_memory_used_bytes{area="heap"} after a forced GC (jcmd GC.run) at the end of
#     the window, minus the same figure taken idle before the load, divided by the live calls;
#   - CPU of the window by thread: a fresh JVM spends about half of a short window in the C2 JIT
#     compiler, so the event-loop lines are the steady-state cost per call;
#   - before all that, one priming call per script (BENCH_PRIME=0 skips it) fills the ElevenLabs
#     simulator's rendering cache, so the first wave does not wait on FreeTTS;
#   - the server-side quantiles from its /metrics (turn server time, barge-in reaction, dropped and
#     late frames).
# Requires a built tree (./sparring build). Run as root or raise the fd limit yourself: it sets
# ulimit -n 65536. Everything runs on its own ports and in bench/out/<timestamp>/, so it does not
# disturb a ./sparring run on the default ports. Leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

CALLS=${1:?usage: bench/density.sh CALLS DURATION [RAMP]}
DURATION=${2:?usage: bench/density.sh CALLS DURATION [RAMP]}
RAMP=${3:-$(( CALLS / 10 > 5 ? CALLS / 10 : 5 ))}
SCRIPT=${BENCH_SCRIPT:-refinance-happy-path}
CP_PORT=${BENCH_CP_PORT:-28480}
MS_PORT=${BENCH_MS_PORT:-28481}
MS_CORE=${BENCH_MS_CORE:-0}
OTHER_CORE=${BENCH_OTHER_CORE:-1}
MS_JAVA_OPTS=${BENCH_MS_JAVA_OPTS:-}

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
for m in loadtest control-plane media-server; do
  [ -f "$ROOT/$m/target/runtime-classpath.txt" ] || { echo "build first: ./sparring build" >&2; exit 2; }
done
cp_of() { echo "$ROOT/$1/target/classes:$(cat "$ROOT/$1/target/runtime-classpath.txt")"; }

for port in "$CP_PORT" "$MS_PORT"; do
  # Never measure someone else's server: both ports must be free (BENCH_CP_PORT / BENCH_MS_PORT move them).
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is in use; set BENCH_CP_PORT/BENCH_MS_PORT" >&2; exit 2; fi
done
OUT=${BENCH_OUT:-$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)-$CALLS}
mkdir -p "$OUT/data/secrets"
ulimit -n 65536 2>/dev/null || echo "warning: could not raise the fd limit (ulimit -n is $(ulimit -n))" >&2
(umask 077; echo "sk_bench_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" > "$OUT/data/secrets/admin-api-key")
export SPARRING_API_KEY; SPARRING_API_KEY=$(cat "$OUT/data/secrets/admin-api-key")

pids=()
cleanup() {
  local i
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for (( i=${#pids[@]}-1; i>=0; i-- )); do wait "${pids[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

wait_http() { # url pid name
  local i
  for i in $(seq 1 240); do
    kill -0 "$2" 2>/dev/null || { echo "$3 exited during start-up, see $OUT" >&2; exit 1; }
    curl -fsS -o /dev/null "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$3 not ready at $1" >&2; exit 1
}

touch "$OUT/simulators.log"
# 1. Provider simulators on the other core; they print the environment that points the clients at them.
taskset -c "$OTHER_CORE" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$(cp_of loadtest)" \
  dev.sparring.loadtest.Simulators config/scripts > "$OUT/simulators.log" 2>&1 & pids+=($!)
for i in $(seq 1 120); do grep -q ELEVENLABS_BASE_URL "$OUT/simulators.log" && break; sleep 0.5; done
eval "$(grep '^ *export ' "$OUT/simulators.log" | sed 's/^ *//')"

# 2. Control plane on the other core.
SPARRING_CP_HTTP_PORT=$CP_PORT SPARRING_CP_PUBLIC_URL=http://127.0.0.1:$CP_PORT \
SPARRING_CP_MEDIA_SERVER_PUBLIC_URL=ws://127.0.0.1:$MS_PORT SPARRING_CP_DATA_DIR=$OUT/data \
  taskset -c "$OTHER_CORE" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$(cp_of control-plane)" \
  dev.sparring.controlplane.Main > "$OUT/control-plane.log" 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$CP_PORT/ready" "${pids[-1]}" "control plane"

# 3. Media server alone on its core.
# shellcheck disable=SC2086
SPARRING_MS_HTTP_PORT=$MS_PORT SPARRING_MS_PUBLIC_URL=ws://127.0.0.1:$MS_PORT \
SPARRING_MS_INTERNAL_URL=http://127.0.0.1:$MS_PORT SPARRING_MS_CONTROL_PLANE_URL=http://127.0.0.1:$CP_PORT \
SPARRING_MS_DATA_DIR=$OUT/data SPARRING_MS_OUTBOX_DIR=$OUT/data/outbox \
SPARRING_MS_MAX_CONCURRENT_CALLS_PER_ORG=100000 SPARRING_MS_WEBRTC_UDP_PORT=0 \
  taskset -c "$MS_CORE" "$JAVA" --enable-native-access=ALL-UNNAMED $MS_JAVA_OPTS -cp "$(cp_of media-server)" \
  dev.sparring.media.Main > "$OUT/media-server.log" 2>&1 & pids+=($!)
MS_PID=${pids[-1]}
wait_http "http://127.0.0.1:$MS_PORT/ready" "$MS_PID" "media server"

metrics() { curl -fsS "http://127.0.0.1:$MS_PORT/metrics"; }
metric() { # name [label-filter]: sum of the samples of one metric
  metrics | awk -v n="$1" -v f="${2:-}" '$1 ~ "^"n"({|$)" && index($0, f) { s += $NF } END { printf "%.0f\n", s }'
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
thread_ticks() { # per thread of the media server: "<name with digits as N> <utime+stime>" (names may hold spaces)
  for t in /proc/"$MS_PID"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1|\2/' "$t" 2>/dev/null | awk -F'|' '{ split($2, f, " "); n = $1; gsub(/[0-9]+/, "N", n); gsub(/ /, "_", n); print n, f[11] + f[12] }'
  done
}
heap_after_gc() { "$JAVA_HOME/bin/jcmd" "$MS_PID" GC.run > /dev/null; metric jvm_memory_used_bytes 'area="heap"'; }
TICK=$(getconf CLK_TCK)

# 4. Priming: one call per script, run to its end before the load. The ElevenLabs simulator renders
# each line once (FreeTTS, on the loaded core) and serves it from its cache afterwards; without this
# the first wave's greetings wait seconds for renderings and fail as bot_silent, which measures the
# simulator, not the media server. BENCH_PRIME=0 skips it.
LOAD_CMD=(taskset -c "$OTHER_CORE" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$(cp_of loadtest)"
  dev.sparring.loadtest.cli.LoadCommand --control-plane "http://127.0.0.1:$CP_PORT" --api-key "$SPARRING_API_KEY")
if [ "${BENCH_PRIME:-1}" != 0 ]; then
  n_scripts=$(awk -F, '{ print NF }' <<< "$SCRIPT")
  echo "priming the simulators with $n_scripts call(s), one per script..."
  "${LOAD_CMD[@]}" --calls "$n_scripts" --ramp 1s --duration 0s --script "$SCRIPT" --quiet \
    --report-dir "$OUT/prime-report" > "$OUT/prime.log" 2>&1 \
    || echo "note: the priming calls met errors (cold caches are slow), see $OUT/prime.log" >&2
fi

sleep 5
HEAP_IDLE=$(heap_after_gc)

# 5. The load, on the other core: CALLS call slots kept up (a slot places a new call when its call
# ends) through the ramp, the warm-up and the window, then the last calls finish.
WARMUP=${BENCH_WARMUP:-45}
"${LOAD_CMD[@]}" \
  --calls "$CALLS" --ramp "${RAMP}s" --duration "$(( RAMP + WARMUP + DURATION + 15 ))s" --script "$SCRIPT" \
  --server-metrics "http://127.0.0.1:$MS_PORT/metrics" --report-dir "$OUT/report" > "$OUT/load.log" 2>&1 & LOAD_PID=$!
pids+=($LOAD_PID)

# Wait for every call to be up (or the ramp plus a margin to pass), then sample once a second.
deadline=$(( $(date +%s) + RAMP + 30 ))
while [ "$(metric sparring_active_calls)" -lt "$CALLS" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
# Warm-up: the JIT compiles the hot paths in the first minute and would otherwise be half the figure.
sleep "$WARMUP"
peak=$(metric sparring_active_calls)
thread_ticks > "$OUT/threads-start.txt"
cpu0=$(cpu_ticks "$MS_PID"); t0=$(date +%s.%N); call_seconds=0; samples=0
load_avg_start=$(cut -d' ' -f1 /proc/loadavg)
while [ "$samples" -lt "$DURATION" ]; do
  sleep 1
  active=$(metric sparring_active_calls)
  [ "$active" -lt $(( peak * 9 / 10 )) ] && break   # calls are ending: close the window
  call_seconds=$(( call_seconds + active )); samples=$(( samples + 1 ))
done
cpu1=$(cpu_ticks "$MS_PID"); t1=$(date +%s.%N)
thread_ticks > "$OUT/threads-end.txt"
load_avg_end=$(cut -d' ' -f1 /proc/loadavg)
HEAP_LOADED=$(heap_after_gc); active_at_gc=$(metric sparring_active_calls)
metrics > "$OUT/metrics-window-end.txt"
threads=$(ls "/proc/$MS_PID/task" | wc -l)
rss_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$MS_PID/status")

wait "$LOAD_PID" || true
metrics > "$OUT/metrics-end.txt"

q() { # metric quantile -> milliseconds (Micrometer publishes seconds; read at the window's end, as the
  # client-side quantiles decay once calls stop)
  awk -v n="$1" -v qq="$2" '$1 == n"{quantile=\""qq"\"}" { printf "%.2f", $2 * 1000; f = 1 } END { if (!f) printf "n/a" }' "$OUT/metrics-window-end.txt"
}
c() { awk -v n="$1" '$1 ~ "^"n"({|$)" { s += $2 } END { printf "%.0f", s }' "$OUT/metrics-end.txt"; }

cpu_ms=$(( (cpu1 - cpu0) * 1000 / TICK ))
{
  echo "== density: $CALLS calls (ramp $RAMP s, script $SCRIPT), window $samples s from $peak live calls =="
  echo "media server on core $MS_CORE, everything else on core $OTHER_CORE; load average ${load_avg_start} -> ${load_avg_end} (2 cores)"
  awk -v cpu="$cpu_ms" -v cs="$call_seconds" -v w="$(echo "$t1 - $t0" | bc)" 'BEGIN {
    printf "server CPU: %d ms over %.1f s wall, %d call-seconds -> %.3f ms CPU per call-second (%.0f%% of one core)\n",
      cpu, w, cs, (cs > 0 ? cpu / cs : 0), cpu / w / 10 }'
  awk -v a="$HEAP_IDLE" -v b="$HEAP_LOADED" -v n="$active_at_gc" 'BEGIN {
    printf "heap after GC: idle %.1f MiB, loaded %.1f MiB with %d calls -> %.1f KiB per call\n",
      a / 1048576, b / 1048576, n, (n > 0 ? (b - a) / n / 1024 : 0) }'
  echo "threads $threads, RSS $(( rss_kb / 1024 )) MiB; CPU of the window by thread:"
  awk -v tick="$TICK" 'NR == FNR { a[$1] += $2; next } { b[$1] += $2 } END { for (n in b) if (b[n] - a[n] > 0) printf "  %8d ms  %s\n", (b[n] - a[n]) * 1000 / tick, n }' \
    "$OUT/threads-start.txt" "$OUT/threads-end.txt" | sort -rn | head -8
  echo "turn server time (last provider event -> first outbound frame): p50 $(q sparring_turn_server_seconds 0.5) ms, p99 $(q sparring_turn_server_seconds 0.99) ms"
  echo "barge-in reaction (rep speech onset -> clear sent): p50 $(q sparring_barge_in_reaction_seconds 0.5) ms, p99 $(q sparring_barge_in_reaction_seconds 0.99) ms"
  echo "inbound frames dropped: $(c sparring_inbound_frames_dropped_total), late outbound chunks: $(c sparring_outbound_chunks_late_total)"
  echo "-- load tool (whole run, $OUT/report/report.html):"; tail -n 30 "$OUT/load.log"
} | tee "$OUT/summary.txt"
