#!/usr/bin/env bash
# Runs every bench once with tiny inputs, so that none can rot unnoticed: each must finish with
# exit code 0 within its time bound. The figures it prints mean nothing. scripts/verify (the
# README's test command, which CI runs) calls it after the tests; BENCH_SMOKE=0 skips it there.
# Usage (repository root): bench/smoke.sh [name ...]   (default: all; names as in the table)
# Needs what the tests need (bubblewrap, Chromium is not used, the Slurm dev cluster started), and wrk.
set -uo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
logs=target/bench-smoke
mkdir -p "$logs"

declare -A commands=(
  [access-records]="bench/access-records/run.sh 50 200 4"
  [admission]="bench/admission/run.sh -Daffordable=3"
  [api]="env CLIENTS=4 MEASURE=2 WARMUP=1 SKIP_BUILD=1 bench/api/run.sh"
  [assignment]="bench/assignment/run.sh 300 200 3 6 20"
  [backup]="bench/backup/run.sh 30 4"
  [calibration]="bench/calibration/run.sh 300 60 4"
  [cluster-page]="bench/cluster-page/run.sh"
  [conflicts]="bench/conflicts/run.sh --matcher-only"
  [deadline-rush]="env APPLICANTS=12 CONCURRENCY=4 SKIP_BUILD=1 bench/deadline-rush/run.sh"
  [pages]="env APPS=20 SESSIONS=4 CONNECTIONS=4 WARMUP=1 DURATION=2 SKIP_BUILD=1 bench/pages/run.sh"
  [sandbox]="bench/sandbox/run.sh -Druns=3 -Dwarmup=1 -Dpause=0"
  [score-sheet]="bench/score-sheet/run.sh 300 target/bench-smoke/score-sheet.xlsx"
  [search]="bench/search/run.sh 2000 2 1 1"
  [security]="env TRIES=5 SKIP_BUILD=1 bench/security/run.sh"
  [slurm]="bench/slurm/run.sh 3"
)
order=(access-records admission api assignment backup calibration cluster-page conflicts deadline-rush pages sandbox
  score-sheet search security slurm)
[ $# -gt 0 ] && order=("$@")

# The API, page and security benches run the packaged portal; build it once for them.
if [[ " ${order[*]} " =~ \ (api|deadline-rush|pages|security)\  ]]; then
  mvn -q -B -DskipTests package || { echo "bench smoke: the portal did not build" >&2; exit 1; }
fi
failed=0
printf '%-16s %6s %4s\n' bench seconds rc
for name in "${order[@]}"; do
  command=${commands[$name]:-}
  [ -n "$command" ] || { echo "bench smoke: no bench named $name" >&2; exit 2; }
  started=$(date +%s)
  timeout --kill-after=10 300 $command > "$logs/$name.log" 2>&1
  rc=$?
  printf '%-16s %6d %4d\n' "$name" $(($(date +%s) - started)) $rc
  if [ $rc -ne 0 ]; then
    failed=1
    echo "--- last lines of $logs/$name.log:"
    tail -15 "$logs/$name.log"
  fi
done
exit $failed
