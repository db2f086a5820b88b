#!/usr/bin/env bash
# Stop nginx and the replicas started by deploy/start.sh.
cd "$(dirname "$0")/.."
RUN=${DEPLOY_RUN:-deploy/run}
[ -f "$RUN/nginx.pid" ] && kill "$(cat "$RUN/nginx.pid")" 2>/dev/null
for f in "$RUN"/replica-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"; done
echo stopped
