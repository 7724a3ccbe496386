#!/usr/bin/env bash
# Page latency: builds the portal, starts it on a fresh embedded PostgreSQL (demo profile), seeds
# a call under review (seed.sql), logs SESSIONS sessions in per role with curl and measures each
# page users live on with wrk: WARMUP s of warm-up, then DURATION s with CONNECTIONS connections,
# every request carrying one of the role's sessions (sessions.lua).
# Usage: bench/pages/run.sh                     (all pages)
#        SKIP_BUILD=1 PAGES="reviewer chair-list" bench/pages/run.sh
#        JFR=1 PAGES=chair-list bench/pages/run.sh    (keeps a flight recording of the runs)
set -euo pipefail
cd "$(dirname "$0")/../.."

APPS=${APPS:-400}
SESSIONS=${SESSIONS:-200}
CONNECTIONS=${CONNECTIONS:-200}
WRK_THREADS=${WRK_THREADS:-2}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-15}
WRK_CPUS=${WRK_CPUS:-}        # e.g. 1: pin wrk to that CPU with taskset
PORT=${PORT:-18090}
PG_PORT=${PG_PORT:-15442}
PAGES=${PAGES:-applicant reviewer chair-list chair-ranking chair-application fellow cluster}
# Production-sensible flags: a fixed 1 GB heap (no resizing under load), G1 (the default).
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
base="http://127.0.0.1:$PORT"
password=demo-national-team-2026

work=$(mktemp -d /tmp/bench-pages.XXXXXX)
echo "Working directory: $work"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -q -B -DskipTests package
fi
jar=$(ls target/aifellows-portal-*.jar | grep -v plain | head -1)
jfr=()
if [ "${JFR:-}" = 1 ]; then
  jfr=(-XX:FlightRecorderOptions=stackdepth=1024 -XX:StartFlightRecording=filename="$work/pages.jfr",settings=profile,dumponexit=true)
fi

# shellcheck disable=SC2086
java $JAVA_OPTS "${jfr[@]}" -jar "$jar" --spring.profiles.active=demo --server.port="$PORT" \
  --portal.database.embedded.data-directory="$work/postgres" --portal.database.embedded.port="$PG_PORT" \
  --portal.files.directory="$work/files" --portal.search.directory="$work/search-index" \
  --portal.gpu.local.directory="$work/gpu-jobs" >"$work/portal.log" 2>&1 &
portal=$!
cleanup() {
  kill $portal 2>/dev/null || true
  wait $portal 2>/dev/null || true
  if [ -f "$work/pages.jfr" ]; then mkdir -p target && cp "$work/pages.jfr" target/bench-pages.jfr \
    && echo "Flight recording: target/bench-pages.jfr"; fi
  rm -rf "$work"
}
trap cleanup EXIT

until curl -fs "$base/actuator/health" >/dev/null; do
  kill -0 $portal 2>/dev/null || { echo "The portal did not start:"; tail -50 "$work/portal.log"; exit 1; }
  sleep 1
done
psql_q() { PGPASSWORD=postgres psql -qtAX -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }
# The demo data is seeded once the application is ready: wait for its last part (the fellow's grant).
for _ in $(seq 60); do
  [ -n "$(psql_q -c "select 1 from gpu_wallet w join accounts a on a.id = w.account_id
    where a.email = 'fellow@demo.aifellows.kr'" 2>/dev/null)" ] && break
  sleep 1
done
psql_q -v ON_ERROR_STOP=1 -v apps="$APPS" -f bench/pages/seed.sql
call=$(psql_q -c "select min(id) from calls")
application=$(psql_q -c "select min(id) from applications where call_id = $call and status = 'SUBMITTED'")
echo "Seeded $APPS applications under review on call $call: $(psql_q -c "select count(*) from reviews where status = 'SUBMITTED'") submitted reviews"

# SESSIONS sessions of one account, one per line as "SESSION=..." (Spring Session's cookie)
login() {
  local email=$1 out=$2 jar
  jar=$(mktemp "$work/jar.XXXXXX")
  local csrf
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "email=$email" --data-urlencode "password=$password" \
    --data-urlencode "_csrf=$csrf" "$base/login"
  awk '$6 == "SESSION" { print "SESSION=" $7 }' "$jar" >>"$out"
  rm -f "$jar"
}
export -f login
export base password work
declare -A account=([applicant]=applicant2@demo.aifellows.kr [reviewer]=reviewer1@demo.aifellows.kr
  [chair]=chair@demo.aifellows.kr [fellow]=fellow@demo.aifellows.kr)
start=$(date +%s.%N)
for role in "${!account[@]}"; do
  seq "$SESSIONS" | xargs -P 8 -I{} bash -c 'login "$0" "$1"' "${account[$role]}" "$work/$role.sessions"
done
printf 'Logged in %d sessions per role in %.1f s\n' "$SESSIONS" "$(echo "$(date +%s.%N) - $start" | bc)"
for role in "${!account[@]}"; do
  got=$(wc -l <"$work/$role.sessions")
  [ "$got" -eq "$SESSIONS" ] || { echo "Only $got of $SESSIONS $role sessions signed in" >&2; exit 1; }
done

declare -A url=([applicant]=/applicant [reviewer]=/reviewer [chair-list]=/chair/calls/$call/applications
  [chair-ranking]=/chair/calls/$call/ranking [chair-application]=/chair/applications/$application
  [fellow]=/fellow [cluster]=/chair/gpu/cluster)
declare -A role=([applicant]=applicant [reviewer]=reviewer [chair-list]=chair [chair-ranking]=chair
  [chair-application]=chair [fellow]=fellow [cluster]=chair)

# Every session must see the page itself (200), not a redirect to the login page.
check() {
  local sessions=$1 path=$2 bad=0 code
  while read -r cookie; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
    [ "$code" = 200 ] || bad=$((bad + 1))
  done <"$sessions"
  echo $bad
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$portal/stat"; }
pin=()
[ -n "$WRK_CPUS" ] && pin=(taskset -c "$WRK_CPUS")
export WRK_THREADS
summary=()
echo "uptime before the runs: $(uptime)"
for page in $PAGES; do
  path=${url[$page]}
  sessions="$work/${role[$page]}.sessions"
  bad=$(check "$sessions" "$path")
  [ "$bad" = 0 ] || echo "WARNING: $bad of $(wc -l <"$sessions") sessions do not get 200 on $path"
  SESSIONS_FILE=$sessions "${pin[@]}" wrk -c"$CONNECTIONS" -t"$WRK_THREADS" -d"${WARMUP}s" -s bench/pages/sessions.lua \
    "$base$path" >/dev/null
  ticks=$(cpu_ticks)
  records=$(psql_q -c "select count(*) from access_records")
  TIMEFORMAT='%U %S %R'
  { time SESSIONS_FILE=$sessions "${pin[@]}" wrk -c"$CONNECTIONS" -t"$WRK_THREADS" -d"${DURATION}s" --latency \
      -s bench/pages/sessions.lua "$base$path" >"$work/$page.wrk"; } 2>"$work/$page.time"
  ticks=$(( $(cpu_ticks) - ticks ))
  records=$(( $(psql_q -c "select count(*) from access_records") - records ))
  after=$(check "$sessions" "$path")
  echo "== $page ($path, ${role[$page]}, $(wc -l <"$sessions") sessions) =="
  cat "$work/$page.wrk"
  read -r wu ws wr <"$work/$page.time"
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$work/$page.wrk")
  total=$(awk '/requests in/ { print $1 }' "$work/$page.wrk")
  p50=$(awk '$1 == "50%" { print $2 }' "$work/$page.wrk")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/$page.wrk")
  sockerr=$(awk '/Socket errors/ { sub(/.*Socket errors: /, ""); print }' "$work/$page.wrk")
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$work/$page.wrk")
  line=$(printf '%-14s %8s req/s  p50 %8s  p99 %8s  portal CPU %.2f ms/req  wrk CPU %3.0f%% of one core  access records/req %.2f  non-2xx/3xx %s  socket errors: %s  sessions not 200 afterwards: %s' \
    "$page" "$rps" "$p50" "$p99" "$(echo "$ticks * 1000 / $(getconf CLK_TCK) / $total" | bc -l)" \
    "$(echo "($wu + $ws) * 100 / $wr" | bc -l)" "$(echo "$records / $total" | bc -l)" "${non2xx:-0}" "${sockerr:-none}" "$after")
  echo "$line"
  summary+=("$line")
done
echo
echo "Summary ($CONNECTIONS connections, $WRK_THREADS wrk threads${WRK_CPUS:+ on CPU $WRK_CPUS}, ${DURATION}s after ${WARMUP}s warm-up, JAVA_OPTS=$JAVA_OPTS)"
printf '%s\n' "${summary[@]}"
echo "uptime after the runs: $(uptime)"
