#!/usr/bin/env bash
# Start N read-only Streamlit replicas of the public instance and nginx in front of them, on loopback.
#   deploy/start.sh [N=2] [PORT=8080]
# Replicas listen on 127.0.0.1:8601..(8600+N) (REPLICA_BASE=8600); nginx on 127.0.0.1:PORT; runtime files in deploy/run/ (DEPLOY_RUN).
# The replicas share one read-only warehouse file and the published-only export of the portfolio (read-only).
#
# Basemap: the public deployment draws the official basemap.de vector style of the BKG by default
# (https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json, Datenlizenz Deutschland – Namensnennung
# – 2.0, "© GeoBasis-DE / BKG (year)"; the maps name it under the map). WAERME_BASEMAP_STYLE=<url> deploys another
# (e.g. a self-hosted) MapLibre style; WAERME_BASEMAP_STYLE= (set and empty) deploys without a basemap. The
# Content-Security-Policy allows the style's host and nothing else outside the app's own origin.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2}
BASE=${REPLICA_BASE:-8600}   # replicas listen on BASE+1 .. BASE+N
PORT=${2:-8080}
RUN=${DEPLOY_RUN:-deploy/run}
PY=${PY:-.venv/bin/python}
DB=${WAERME_DB:-data/dortmund.duckdb}
BASEMAP_DE=https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json
STYLE=${WAERME_BASEMAP_STYLE-$BASEMAP_DE}
mkdir -p "$RUN/tmp"
[ -f "$DB" ] || { echo "no database $DB: run make db first" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 1; }
# The replicas read the published-only export of the planners' portfolio (portfolio/publish.py), never the portfolio
# itself (a planner's running app holds its write lock). The planners' app rewrites the export at every publish and
# withdraw and the replicas reopen it at their next page view; here it is only made once if it does not exist yet.
# WAERME_PORTFOLIO_DB and WAERME_PUBLIC_EXPORT mean what they mean for the planners' app (heatdb/settings.py).
SOURCE=${WAERME_PORTFOLIO_DB:-data/portfolio.duckdb}
PORTFOLIO=${WAERME_PUBLIC_EXPORT:-data/public/portfolio.duckdb}
if [ ! -f "$PORTFOLIO" ] && [ -f "$SOURCE" ]; then
  "$PY" -m portfolio publish --portfolio "$SOURCE" --out "$PORTFOLIO" \
    || echo "no public export $PORTFOLIO yet: the replicas serve the default portfolio until the first publish in the planners' app" >&2
fi
# The saved scenarios' pathways, contributions, decompositions and council datasets, computed before the replicas start
# (python -m reports precompute; seconds when nothing changed): the replicas read them from the model cache
# (WAERME_CACHE_DIR) and write nothing, so no resident waits for a computation.
if [ -f "$PORTFOLIO" ]; then
  WAERME_DB="$DB" "$PY" -m reports precompute --db "$DB" --portfolio "$PORTFOLIO" > "$RUN/precompute.log" 2>&1 \
    || { cat "$RUN/precompute.log" >&2; exit 1; }
fi
# the Content-Security-Policy's parts that depend on this installation: the basemap's origin (if any) and the hashes
# of the inline scripts of Streamlit's own index.html
MAP_ORIGIN=$("$PY" -c 'import sys, urllib.parse as u; p = u.urlparse(sys.argv[1]); print(f" {p.scheme}://{p.netloc}" if p.scheme == "https" and p.netloc else "")' "$STYLE")
SCRIPT_HASHES=$("$PY" - <<'EOF'
import base64, hashlib, pathlib, re, streamlit
html = (pathlib.Path(streamlit.__file__).parent / "static" / "index.html").read_text()
print(" ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in re.findall(r"<script>(.*?)</script>", html, re.S)))
EOF
)
UPSTREAMS=""
for i in $(seq 1 "$N"); do
  P=$((BASE + i))
  # no cache folder: the public instance keeps model results in memory only (ui/model.py)
  WAERME_MODE=public WAERME_DB="$DB" WAERME_PORTFOLIO_DB="$PORTFOLIO" WAERME_BASEMAP_STYLE="$STYLE" \
    nohup "$PY" -m streamlit run app.py --server.address 127.0.0.1 --server.port "$P" --server.headless true \
      --client.showErrorDetails none --client.toolbarMode viewer --browser.gatherUsageStats false \
      --server.enableXsrfProtection true --server.enableAgentApi false > "$RUN/replica-$i.log" 2>&1 &
  echo $! > "$RUN/replica-$i.pid"
  UPSTREAMS="$UPSTREAMS        server 127.0.0.1:$P max_fails=3 fail_timeout=10s;\n"
done
PREFIX=$(cd "$RUN" && pwd)
sed -e "s#@PREFIX@#$PREFIX#g" -e "s#@PORT@#$PORT#g" -e "s#@UPSTREAMS@#$UPSTREAMS#" \
    -e "s#@MAP_ORIGIN@#$MAP_ORIGIN#g" -e "s#@SCRIPT_HASHES@#$SCRIPT_HASHES#g" deploy/nginx.conf.template > "$RUN/nginx.conf"
nginx -t -c "$PREFIX/nginx.conf" -p "$PREFIX" >/dev/null 2>&1 || { nginx -t -c "$PREFIX/nginx.conf" -p "$PREFIX"; exit 1; }
nginx -c "$PREFIX/nginx.conf" -p "$PREFIX"
# each replica's first session (imports of every page, the warehouse opened) before the instance counts as ready
REPLICA_BASE=$BASE deploy/healthcheck.sh "$N" "$PORT" 90 >/dev/null
"$PY" deploy/visit.py $(for i in $(seq 1 "$N"); do echo $((BASE + i)); done) || exit 1
REPLICA_BASE=$BASE deploy/healthcheck.sh "$N" "$PORT" 90
echo "public instance: http://127.0.0.1:$PORT/  ($N replicas; basemap: ${STYLE:-none}; stop with deploy/stop.sh)"
