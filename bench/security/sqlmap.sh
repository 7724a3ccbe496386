#!/usr/bin/env bash
# SQL injection: builds the portal, starts it with the demo profile on a fresh embedded PostgreSQL on
# loopback, signs in as the demo chair and the demo administrator, and runs Debian's sqlmap against the
# search, filter and paging parameters of every page that has them, each target bounded in time.
# Prints, per target, the requests sent and the injection points found; exits 1 on any finding.
# Usage: bench/security/sqlmap.sh                          (LEVEL=3, 300 s per target)
#        LEVEL=1 PER_TARGET=60 SKIP_BUILD=1 bench/security/sqlmap.sh
# Needs: apt-get install sqlmap
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-18082}
HEAP=${HEAP:-512m}
LEVEL=${LEVEL:-3}
PER_TARGET=${PER_TARGET:-300}
PASSWORD=demo-national-team-2026
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
command -v sqlmap >/dev/null || { echo "sqlmap is missing: apt-get install sqlmap"; exit 2; }

work=$(mktemp -d /tmp/sqlmap-bench.XXXXXX)
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -q -B -DskipTests package
fi
base="http://localhost:$PORT"
. bench/security/demo-portal.sh
start_demo_portal --server.address=127.0.0.1 --portal.mail.base-url="$base"

# Signs in through the login form; prints the SESSION cookie's value.
sign_in() {
  local jar="$work/$1.cookies" token
  token=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$1" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "_csrf=$token" "$base/login"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/dashboard")" = 302 ] || true
  awk '$6 == "SESSION" { print $7 }' "$jar" | tail -1
}
chair=$(sign_in chair@demo.aifellows.kr)
admin=$(sign_in admin@demo.aifellows.kr)
reviewer=$(sign_in reviewer1@demo.aifellows.kr)
call=$(curl -s -b "SESSION=$chair" "$base/chair" | grep -o '/chair/calls/[0-9]*/' | head -1 | grep -o '[0-9]*')
[ -n "$call" ] || { echo "no demo call found on /chair (not signed in?)"; exit 1; }

targets=(
  "$chair|q,area,status,affiliation,year,page,sort|/chair/calls/$call/search?q=model&area=NLP&status=SUBMITTED&affiliation=KAIST&year=2024&page=0&sort=relevance"
  "$chair|status,area,page|/chair/calls/$call/applications?status=SUBMITTED&area=NLP&page=0"
  "$chair|sort,dir,page|/chair/calls/$call/ranking?sort=calibrated&dir=desc&page=0"
  "$reviewer|q,area,page|/reviewer/calls/$call/search?q=model&area=NLP&page=0"
  "$chair|email|/chair/gpu?email=fellow@demo.aifellows.kr"
  "$chair|check|/chair/institutions?check=KAIST"
  "$chair|page|/chair/reviewers?page=0"
  "$admin|q,page|/admin/accounts?q=demo&page=0"
  "$admin|action,page|/admin/audit?action=LOGIN_SUCCESS&page=0"
  "$admin|page|/admin/outbox?page=0"
)

total_requests=0
total_findings=0
printf '%-60s %9s %9s\n' "target" "requests" "findings"
for target in "${targets[@]}"; do
  IFS='|' read -r session params path <<<"$target"
  name=$(echo "$path" | cut -d'?' -f1)
  out="$work/sqlmap-$(echo "$name" | tr '/' '_')"
  mkdir -p "$out"
  timeout "$PER_TARGET" sqlmap -u "$base$path" --cookie="SESSION=$session" -p "$params" --batch \
    --dbms=PostgreSQL --level="$LEVEL" --risk=1 --technique=BEUST --time-sec=2 --flush-session \
    --disable-coloring --output-dir="$out" -t "$out/traffic.txt" >"$out/stdout.txt" 2>&1 || true
  requests=$(grep -c '^HTTP request \[#' "$out/traffic.txt" 2>/dev/null || true)
  findings=$(grep -c 'identified the following injection point' "$out/stdout.txt" || true)
  printf '%-60s %9d %9d\n' "$name" "${requests:-0}" "${findings:-0}"
  total_requests=$((total_requests + ${requests:-0}))
  total_findings=$((total_findings + ${findings:-0}))
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "SESSION=$session" "$base$path")
  [ "$status" = 200 ] || echo "  (the page answered $status to the signed-in session)"
  [ "${findings:-0}" = 0 ] || sed -n '/injection point/,/^---$/p' "$out/stdout.txt"
done
# The sessions must still be signed in, or the requests tested the login page only.
for session in "$chair" "$admin" "$reviewer"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "SESSION=$session" "$base/account/password")
  [ "$code" = 200 ] || { echo "a session was signed out during the run ($code)"; exit 1; }
done
printf '%-60s %9d %9d\n' "total (level $LEVEL, ${PER_TARGET} s per target)" "$total_requests" "$total_findings"
[ "$total_findings" = 0 ]
