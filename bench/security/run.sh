#!/usr/bin/env bash
# Account enumeration by timing: builds the portal, starts it with the demo profile on a fresh embedded
# PostgreSQL and times "forgot password" requests for a registered and an unregistered address,
# TRIES each (interleaved, after a warm-up), printing both medians and their difference.
# Usage: bench/security/run.sh             (200 tries each)
#        TRIES=50 SKIP_BUILD=1 bench/security/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

TRIES=${TRIES:-200}
PORT=${PORT:-18081}
HEAP=${HEAP:-512m}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

work=$(mktemp -d /tmp/security-bench.XXXXXX)
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -q -B -DskipTests package
fi
jar=$(ls target/aifellows-portal-*.jar | grep -v plain | head -1)

java -Xmx"$HEAP" -jar "$jar" --spring.profiles.active=demo --server.port="$PORT" \
  --portal.database.embedded.data-directory="$work/postgres" --portal.files.directory="$work/files" \
  --portal.search.directory="$work/search-index" --portal.gpu.local.directory="$work/gpu-jobs" \
  >"$work/portal.log" 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null; wait $portal 2>/dev/null || true; rm -rf "$work"' EXIT

until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
  kill -0 $portal 2>/dev/null || { echo "The portal did not start:"; tail -50 "$work/portal.log"; exit 1; }
  sleep 1
done
sleep 3 # the demo data is seeded once the application is ready

java bench/security/ForgotPasswordTiming.java "http://localhost:$PORT" applicant1@demo.aifellows.kr "$TRIES"
