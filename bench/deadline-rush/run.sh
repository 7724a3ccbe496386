#!/usr/bin/env bash
# The deadline rush: builds the portal, starts it on a fresh embedded PostgreSQL (demo profile)
# and drives APPLICANTS complete applications with a 1 MB PDF each from CONCURRENCY sessions.
# Usage: bench/deadline-rush/run.sh            (6,809 applicants, 64 sessions)
#        APPLICANTS=500 CONCURRENCY=32 bench/deadline-rush/run.sh
#        JFR=/tmp/rush.jfr APPLICANTS=800 bench/deadline-rush/run.sh   (profile the portal)
set -euo pipefail
cd "$(dirname "$0")/../.."

APPLICANTS=${APPLICANTS:-6809}
CONCURRENCY=${CONCURRENCY:-64}
PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
HEAP=${HEAP:-1g}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

work=$(mktemp -d /tmp/deadline-rush.XXXXXX)
echo "Working directory: $work"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -q -B -DskipTests package
fi
jar=$(ls target/aifellows-portal-*.jar | grep -v plain | head -1)
(cd "$work" && unzip -q -j "$OLDPWD/$jar" 'BOOT-INF/lib/postgresql-*.jar' -d lib)

# Another portal on the port would answer the health check and take the rush (and its accounts).
if curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then
  echo "Port $PORT is taken by another server; set PORT and PG_PORT"; exit 1
fi
# JFR=path.jfr records a flight recording of the portal JVM (profile settings) for the whole run.
jfr_opts=()
if [ -n "${JFR:-}" ]; then
  jfr_opts=("-XX:FlightRecorderOptions:stackdepth=256" "-XX:StartFlightRecording=settings=profile,filename=$JFR,dumponexit=true")
fi
java -Xmx"$HEAP" "${jfr_opts[@]}" -jar "$jar" --spring.profiles.active=demo --server.port="$PORT" \
  --portal.database.embedded.data-directory="$work/postgres" --portal.database.embedded.port="$PG_PORT" \
  --portal.files.directory="$work/files" >"$work/portal.log" 2>&1 &
portal=$!
# The embedded PostgreSQL may still be writing its last files when the portal has exited.
trap 'kill $portal 2>/dev/null; wait $portal 2>/dev/null || true; sleep 2; rm -rf "$work" || rm -rf "$work"' EXIT

until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
  kill -0 $portal 2>/dev/null || { echo "The portal did not start:"; tail -50 "$work/portal.log"; exit 1; }
  sleep 1
done
sleep 3 # the demo data is seeded once the application is ready

java -Xmx2g -cp "$(ls "$work"/lib/postgresql-*.jar)" bench/deadline-rush/DeadlineRush.java \
  "http://127.0.0.1:$PORT" "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" "$APPLICANTS" "$CONCURRENCY"
echo "Portal peak memory: $(grep VmHWM /proc/$portal/status)"
echo "Uploaded files on disk: $(du -sh "$work/files" | cut -f1)"
