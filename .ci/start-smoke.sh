#!/usr/bin/env bash
# Starts the service the way a user does (embedded PostgreSQL, migrations, demo seed) in a fresh
# data folder and checks it serves /api/v1 within 30 seconds and a demo user can sign in.
set -euo pipefail
DATA=$(mktemp -d)
PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
LOG="$DATA/start.log"
DATA_DIR="$DATA" PORT="$PORT" DEMO_PASSWORD="ci-demo-password-1" node dist/src/main.js >"$LOG" 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for i in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/api/v1/health/ready" >/dev/null 2>&1; then
    echo "ready after ~$((i / 2)) s"
    curl -fsS "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
      -d '{"email":"officer.kz@example.org","password":"ci-demo-password-1"}' | grep -q accessToken
    curl -fsS "http://127.0.0.1:$PORT/api/docs-json" | grep -q '"openapi"'
    echo "login and /api/docs-json OK"
    exit 0
  fi
  sleep 0.5
done
echo "the service did not become ready within 30 s"; tail -50 "$LOG"; exit 1
