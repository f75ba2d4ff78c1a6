#!/usr/bin/env bash
# Start a private PostgreSQL server for the test suite and print its URL.
# Installs PostgreSQL from the Debian packages when it is absent. The server listens on a
# Unix socket only, trusts local connections, and keeps its data in a throwaway folder.
set -euo pipefail
port=${LIAISON_PG_PORT:-54329}
data=${LIAISON_PG_DATA:-/tmp/liaison-test-postgres}
socket_dir=/tmp
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin=$(pg_bin)
if [ -z "$bin" ]; then
  echo "Installing PostgreSQL from the Debian packages..." >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(pg_bin)
fi

# PostgreSQL refuses to run as root: run it as the postgres user the package created.
run=()
if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi

if ! "$bin/pg_isready" -q -h "$socket_dir" -p "$port"; then
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres: "$data"
    "${run[@]}" "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2
  fi
  "${run[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $port -k $socket_dir -c listen_addresses='' -c fsync=off" start >&2
fi
echo "postgresql://postgres@/postgres?host=$socket_dir&port=$port"
