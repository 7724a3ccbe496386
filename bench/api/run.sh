#!/usr/bin/env bash
# REST API latency: builds the portal, starts it on a fresh embedded PostgreSQL (demo profile) and
# measures job submit and job list at CLIENTS concurrent clients on loopback (ApiBench.java), each
# client with its own connection and personal access token of the demo fellow.
# Usage: bench/api/run.sh                                  (64 clients, 3 s warm-up, 15 s per phase)
#        CLIENTS=16 MEASURE=5 WARMUP=1 SKIP_BUILD=1 bench/api/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

CLIENTS=${CLIENTS:-64}
MEASURE=${MEASURE:-15}
WARMUP=${WARMUP:-3}
PORT=${PORT:-18095}
PG_PORT=${PG_PORT:-15447}
# Production-sensible flags: a fixed 1 GB heap, as bench/pages.
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

work=$(mktemp -d /tmp/bench-api.XXXXXX)
echo "Working directory: $work"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -q -B -DskipTests package
fi
jar=$(ls target/aifellows-portal-*.jar | grep -v plain | head -1)
(cd "$work" && unzip -q -j "$OLDPWD/$jar" 'BOOT-INF/lib/postgresql-*.jar' -d lib)
if curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then
  echo "Port $PORT is taken by another server; set PORT and PG_PORT"; exit 1
fi
# The bench is about the API, not the fellow's limits: no cap on GPUs in use at once (jobs queue
# for the 8 virtual GPUs) and no rate limit; each job holds 1 GPU x 1 minute of the demo's 100 hours.
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$jar" --spring.profiles.active=demo --server.port="$PORT" \
  --portal.database.embedded.data-directory="$work/postgres" --portal.database.embedded.port="$PG_PORT" \
  --portal.files.directory="$work/files" --portal.search.directory="$work/search-index" \
  --portal.gpu.local.directory="$work/gpu-jobs" --portal.gpu.max-concurrent-gpus=1000000 \
  --portal.api.requests-per-minute=100000000 >"$work/portal.log" 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null; wait $portal 2>/dev/null || true; sleep 2; rm -rf "$work" || rm -rf "$work"' EXIT

until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
  kill -0 $portal 2>/dev/null || { echo "The portal did not start:"; tail -50 "$work/portal.log"; exit 1; }
  sleep 1
done
echo "uptime before: $(uptime)"
java -cp "$(ls "$work"/lib/postgresql-*.jar)" bench/api/ApiBench.java "http://127.0.0.1:$PORT" \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" "$CLIENTS" "$MEASURE" "$WARMUP"
echo "uptime after: $(uptime)"
echo "Portal peak memory: $(grep VmHWM /proc/$portal/status)"
