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
. bench/security/demo-portal.sh
start_demo_portal

java bench/security/ForgotPasswordTiming.java "http://localhost:$PORT" applicant1@demo.aifellows.kr "$TRIES"
