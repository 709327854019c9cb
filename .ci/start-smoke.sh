#!/usr/bin/env bash
# Starts the service the way a user does (embedded PostgreSQL, migrations, demo seed) in a fresh
# data folder: it must serve /api/v1 within 30 seconds and a demo user must sign in. Then starts it a
# second time on the same folder: the data is reused, nothing is seeded twice.
set -euo pipefail
DATA=$(mktemp -d)
PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
PASSWORD="ci-demo-password-1"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; [ -n "$PID" ] && wait "$PID" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

start_and_check() {
  DATA_DIR="$DATA" PORT="$PORT" DEMO_PASSWORD="$PASSWORD" node dist/src/main.js >"$DATA/start-$1.log" 2>&1 &
  PID=$!
  for i in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$PORT/api/v1/health/ready" >/dev/null 2>&1; then
      echo "start $1: ready after ~$((i / 2)) s"
      TOKEN=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
        -d "{\"email\":\"admin@example.org\",\"password\":\"$PASSWORD\"}" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).accessToken))")
      FUNDS=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/funds" -H "authorization: Bearer $TOKEN" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).items.length))")
      [ "$FUNDS" = "5" ] || { echo "expected 5 demo funds, got $FUNDS"; exit 1; }
      curl -fsS "http://127.0.0.1:$PORT/api/docs-json" | grep -q '"openapi"'
      echo "start $1: admin login, 5 funds and /api/docs-json OK"
      kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
      return 0
    fi
    sleep 0.5
  done
  echo "start $1: the service did not become ready within 30 s"; tail -50 "$DATA/start-$1.log"; exit 1
}

start_and_check 1
start_and_check 2
grep -q "demo program seeded" "$DATA/start-1.log" || { echo "first start did not seed"; exit 1; }
if grep -q "demo program seeded" "$DATA/start-2.log"; then echo "second start seeded again"; exit 1; fi
echo "second start reused the data"
