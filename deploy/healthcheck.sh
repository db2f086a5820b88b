#!/usr/bin/env bash
# Wait until nginx and all N replicas answer their health checks (exit 1 after TIMEOUT seconds).
#   deploy/healthcheck.sh [N=2] [PORT=8080] [TIMEOUT=30]
set -u
N=${1:-2}; PORT=${2:-8080}; TIMEOUT=${3:-30}; BASE=${REPLICA_BASE:-8600}
deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
  ok=1
  for i in $(seq 1 "$N"); do
    curl -fs -o /dev/null "http://127.0.0.1:$((BASE + i))/_stcore/health" || ok=0
  done
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" || ok=0
  [ "$ok" = 1 ] && { echo "healthy: nginx :$PORT and $N replicas"; exit 0; }
  [ "$(date +%s)" -ge "$deadline" ] && { echo "unhealthy after ${TIMEOUT}s" >&2; exit 1; }
  sleep 1
done
