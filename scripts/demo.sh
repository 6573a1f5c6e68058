#!/usr/bin/env bash
# `npm run demo`: installs if needed, builds, brings up Kafka and PostgreSQL, starts the six
# services, subscribes a local webhook to Donald Trump, feeds the sample articles, imports the
# sample feeds (served by a small local site) and prints where to look. `npm run demo -- stop` stops the services and the local broker.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.chronicle/demo
mkdir -p "$STATE"
SERVICES=(ingest enrich project alert api feeds)

stop_services() {
  for pidfile in "$STATE"/*.pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

stop_all() {
  stop_services
  node dist/apps/cli/src/main.js infra down || true
}

case "${1:-}" in
  stop) stop_all; exit 0 ;;
  stop-services) stop_services; exit 0 ;;
esac

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
node dist/apps/cli/src/main.js infra up
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${CHRONICLE_KAFKA_PORT:-9092}}"
export LOG_FORMAT="${LOG_FORMAT:-pretty}"
# The demo's webhook subscriber listens on loopback, which webhook delivery refuses unless allowed.
export WEBHOOK_ALLOWED_HOSTS="${WEBHOOK_ALLOWED_HOSTS:-127.0.0.1:3999}"
# Likewise the demo's feed site (samples/feeds on 127.0.0.1:3998) for the feeds service.
export FEEDS_ALLOWED_HOSTS="${FEEDS_ALLOWED_HOSTS:-127.0.0.1:3998}"

# Auth is on: the demo makes one key with every scope, kept (mode 600) for later runs, and prints it.
KEY_FILE="$STATE/api-key"
if [ -s "$KEY_FILE" ]; then CHRONICLE_API_KEY="$(cat "$KEY_FILE")"; fi
if [ -z "${CHRONICLE_API_KEY:-}" ] || ! node dist/apps/cli/src/main.js keys list 2>/dev/null | grep -q "$(echo "$CHRONICLE_API_KEY" | cut -d_ -f2).*active"; then
  CHRONICLE_API_KEY="$(node dist/apps/cli/src/main.js keys create --name demo --scopes read,ingest,subscriptions,admin,metrics)"
  (umask 077 && echo "$CHRONICLE_API_KEY" >"$KEY_FILE")
fi
export CHRONICLE_API_KEY
AUTH="Authorization: Bearer $CHRONICLE_API_KEY"

for service in "${SERVICES[@]}"; do
  if [ -f "$STATE/$service.pid" ] && kill -0 "$(cat "$STATE/$service.pid")" 2>/dev/null; then continue; fi
  nohup node --max-semi-space-size=64 "dist/apps/$service/src/main.js" >"$STATE/$service.log" 2>&1 &
  echo $! >"$STATE/$service.pid"
done
if ! { [ -f "$STATE/webhook.pid" ] && kill -0 "$(cat "$STATE/webhook.pid")" 2>/dev/null; }; then
  nohup node scripts/demo-webhook-receiver.mjs "$STATE/webhooks.ndjson" >"$STATE/webhook.log" 2>&1 &
  echo $! >"$STATE/webhook.pid"
fi
if ! { [ -f "$STATE/feedsite.pid" ] && kill -0 "$(cat "$STATE/feedsite.pid")" 2>/dev/null; }; then
  nohup node scripts/demo-feed-server.mjs samples/feeds 3998 >"$STATE/feedsite.log" 2>&1 &
  echo $! >"$STATE/feedsite.pid"
fi

wait_for() {
  for _ in $(seq 1 120); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "timed out waiting for $1 (see $STATE/*.log)" >&2; exit 1
}
for port in "${API_PORT:-3000}" "${INGEST_PORT:-3001}" "${ENRICH_PORT:-3002}" "${PROJECT_PORT:-3003}" "${ALERT_PORT:-3004}" "${FEEDS_PORT:-3005}"; do
  wait_for "http://127.0.0.1:$port/health"
done
wait_for "http://127.0.0.1:3999/health"
wait_for "http://127.0.0.1:3998/health"

API="http://127.0.0.1:${API_PORT:-3000}"
if ! curl -fsS -H "$AUTH" "$API/v1/subscriptions" | grep -q '127.0.0.1:3999'; then
  curl -fsS -X POST "$API/v1/subscriptions" -H "$AUTH" -H 'content-type: application/json' \
    -d '{"actors":["Donald Trump","Volodymyr Zelenskyy"],"webhookUrl":"http://127.0.0.1:3999/hook"}' >/dev/null
fi
node dist/apps/cli/src/main.js ingest samples/*.txt samples/*.json
# The sample feeds go in as a reader's OPML export would (idempotent: a second run adds nothing).
node dist/apps/cli/src/main.js feeds import samples/feeds/demo-feeds.opml
echo "Waiting for the pipeline to project the samples and the feeds' articles..."
for _ in $(seq 1 60); do
  if curl -fsS -H "$AUTH" "$API/v1/actors?q=Zelenskyy" | grep -q '"statementCount":[1-9]'; then break; fi
  sleep 1
done
for _ in $(seq 1 60); do
  SEEN="$(node dist/apps/cli/src/main.js feeds list --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).reduce((n,f)=>n+f.entriesSeen,0)))' 2>/dev/null || true)"
  [ "${SEEN:-0}" -ge 4 ] && break
  sleep 1
done
sleep 2
# `chronicle ingest` gives a plain-text sample its file name as id (the JSON samples carry theirs).
ARTICLE_URL="$API/v1/articles/$(basename samples/01-istanbul-talks.txt .txt)"
METRICS_URL="http://127.0.0.1:${PROJECT_PORT:-3003}/metrics"
PRINTED_URLS=("$API/v1/actors?q=Trump" "$ARTICLE_URL" "$API/v1/subscriptions" "$METRICS_URL" "http://127.0.0.1:${FEEDS_PORT:-3005}/v1/feeds")
echo
echo "Top actors:"
ACTOR_LINES="$(curl -fsS -H "$AUTH" "$API/v1/actors?limit=8" | API="$API" node -e '
  let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const a of JSON.parse(s).actors){
  const url=`${process.env.API}/v1/actors/${encodeURIComponent(a.id).replace(/%3A/gi, ":")}/statements`;
  console.log(`  ${a.name.padEnd(28)} ${a.kind.padEnd(13)} mentions=${a.mentionCount} statements=${a.statementCount}  ${url}`)}})')"
echo "$ACTOR_LINES"
mapfile -t ACTOR_URLS < <(echo "$ACTOR_LINES" | awk 'NF { print $NF }')
echo
echo "Where to look (every data route needs the key):"
echo "  Dashboard      $API/   (sign in with the key below; e.g. $API/search?q=sanctions)"
echo "  API key        $CHRONICLE_API_KEY   (saved in $KEY_FILE; curl -H \"Authorization: Bearer \$(cat $KEY_FILE)\" ...)"
echo "  API            $API/v1/actors?q=Trump   $ARTICLE_URL   $API/v1/subscriptions"
echo "  Webhooks       $STATE/webhooks.ndjson (alerts delivered to the demo subscriber)"
echo "  Feeds          node dist/apps/cli/src/main.js feeds list   http://127.0.0.1:${FEEDS_PORT:-3005}/v1/feeds (site: samples/feeds on http://127.0.0.1:3998/)"
echo "  Metrics        $METRICS_URL (each service serves /metrics and /health)"
echo "  Service logs   $STATE/<service>.log"
echo "  Stop           npm run demo -- stop"
# Every URL printed above should answer; say so when one does not (e.g. a sample still in the pipeline).
for url in "${PRINTED_URLS[@]}" "${ACTOR_URLS[@]}"; do
  curl -fsS -H "$AUTH" -o /dev/null "$url" 2>/dev/null || echo "warning: $url does not answer yet (see $STATE/*.log)" >&2
done
