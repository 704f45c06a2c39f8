#!/usr/bin/env bash
# `make prod` on one machine: PostgreSQL and Redis started when DATABASE_URL and
# VILLAGE_REDIS_URL point at this machine and they are down, the database created when it
# is missing. Where they run elsewhere (a managed database, a cache service), this does
# nothing: the program only connects.
set -euo pipefail

local_url() { [[ "$1" =~ ://([^@/]*@)?(127\.0\.0\.1|localhost)(:|/) ]]; }
answers() { python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1).close()" "$1" 2>/dev/null; }

if [[ "${DATABASE_URL:-}" == postgres* ]] && local_url "$DATABASE_URL"; then
  port=$(python3 -c "import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).port or 5432)" "$DATABASE_URL")
  if ! answers "$port" && command -v pg_ctlcluster > /dev/null; then
    echo "== Starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    for _ in $(seq 30); do answers "$port" && break; sleep 1; done
  fi
  name=$(python3 -c "import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).path.lstrip('/'))" "$DATABASE_URL")
  server="${DATABASE_URL%/*}/postgres"
  if command -v psql > /dev/null \
      && [ -z "$(psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
    echo "== Creating the database $name"
    psql "$server" -qc "CREATE DATABASE \"$name\""
  fi
fi

if [[ -n "${VILLAGE_REDIS_URL:-}" ]] && local_url "$VILLAGE_REDIS_URL"; then
  port=$(python3 -c "import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).port or 6379)" "$VILLAGE_REDIS_URL")
  if ! answers "$port" && command -v redis-server > /dev/null; then
    echo "== Starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/village.log
    for _ in $(seq 30); do answers "$port" && break; sleep 1; done
  fi
fi
