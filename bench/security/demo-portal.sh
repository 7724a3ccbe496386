# Sourced by the security benches. start_demo_portal [ARG...]: starts the built portal with the demo
# profile on a fresh embedded PostgreSQL under $work, on port $PORT with heap $HEAP (extra ARGs go to
# the portal), waits until it is healthy and seeded, and sets $portal and a trap that stops it and
# removes $work on exit.
start_demo_portal() {
  local jar
  jar=$(ls target/aifellows-portal-*.jar | grep -v plain | head -1)
  java -Xmx"$HEAP" -jar "$jar" --spring.profiles.active=demo --server.port="$PORT" \
    --portal.database.embedded.data-directory="$work/postgres" --portal.files.directory="$work/files" \
    --portal.search.directory="$work/search-index" --portal.gpu.local.directory="$work/gpu-jobs" \
    "$@" >"$work/portal.log" 2>&1 &
  portal=$!
  trap 'kill $portal 2>/dev/null; wait $portal 2>/dev/null || true; rm -rf "$work"' EXIT
  until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
    kill -0 $portal 2>/dev/null || { echo "The portal did not start:"; tail -50 "$work/portal.log"; exit 1; }
    sleep 1
  done
  sleep 3 # the demo data is seeded once the application is ready
}
