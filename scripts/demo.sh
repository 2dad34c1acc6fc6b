#!/usr/bin/env bash
# `make demo`: start the local GrowingIO-compatible server, export a segment with the generated
# `growingio` command (submit → wait → download, UTF-16LE re-encoded to UTF-8), show the file, stop.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8765}
SECRET=${SECRET:-dev-secret}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/growingio-demo.XXXXXX")
export PYTHONPATH="$PWD/devserver:$PWD/generated"

$PY -m gio_devserver --port "$PORT" --secret "$SECRET" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  $PY -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 0.2)" 2>/dev/null && break
  sleep 0.1
done

export GROWINGIO_URL="http://127.0.0.1:$PORT" GROWINGIO_CLIENT_SECRET="$SECRET"
growingio() { $PY -m growingio_client.cli "$@"; }

echo "== growingio segments --project-id WlGk4Daj"
growingio segments --project-id WlGk4Daj
echo "== growingio export segment-users --project-id WlGk4Daj --segment-id qgQMXnD3 --charset UTF-16LE --encoding UTF-16LE -o $OUT/exports"
growingio export segment-users --project-id WlGk4Daj --segment-id qgQMXnD3 \
  --charset UTF-16LE --encoding UTF-16LE --poll 0.1 -o "$OUT/exports"
for file in "$OUT"/exports/*; do
  echo "== $file ($(wc -c <"$file") bytes, first lines)"
  head -n 5 "$file"
done
