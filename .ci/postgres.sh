#!/usr/bin/env bash
# CI: start a throwaway local PostgreSQL server for the store tests and print two URLs.
# Usage: eval "$(bash .ci/postgres.sh | sed 's/^/export /')"
# stdout carries only the two RTW_TEST_POSTGRES_*_URL lines; everything else goes to stderr.
# Safe to run again: it reuses a running server and re-applies roles and grants.
set -euo pipefail

# Our own cluster in a fixed dir (not Debian's "main"), so its settings are ours and a
# second run finds it. It needs no systemd: pg_ctl starts the server directly.
PGROOT=${RTW_PG_DIR:-/var/tmp/rtw-ci-postgres}
DATA=$PGROOT/data
SOCK=$PGROOT/socket
LOG=$PGROOT/server.log

die() { echo "postgres.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (it installs packages and switches to the postgres user)"

# Debian keeps server binaries under /usr/lib/postgresql/<ver>/bin, not on PATH.
# Highest installed version wins; prints nothing (and still succeeds) when there is none.
find_bin() {
    local d found=
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/postgres" ] && found="$found$d"$'\n'; done
    printf '%s' "$found" | sort -V | tail -n 1
}
BIN=$(find_bin)
if [ -z "$BIN" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BIN=$(find_bin)
    [ -n "$BIN" ] || die "postgresql installed but no server binaries found under /usr/lib/postgresql"
fi

# The server refuses to run as root; run its tools as postgres, from a dir it can read.
as_pg() { (cd / && runuser -u postgres -- "$@"); }

# Something already answers on 127.0.0.1:$1 (bash's /dev/tcp; needs no ss/netstat).
port_busy() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

install -d -o postgres -g postgres -m 700 "$PGROOT" "$SOCK"

# A data dir without PG_VERSION is a half-finished initdb: start over.
if [ ! -s "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    # Explicit locale: the CI's LANG may name a locale this machine lacks.
    # Passwords over TCP (scram), peer auth on our private socket for the postgres user.
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >&2
fi

if as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    # Already running from an earlier run: its port is line 4 of postmaster.pid.
    PORT=$(sed -n 4p "$DATA/postmaster.pid")
else
    PORT=5432
    while port_busy "$PORT"; do
        PORT=$((PORT + 1))
        [ "$PORT" -le 5532 ] || die "no free port in 5432-5532"
    done
    # 127.0.0.1 only, and our own socket dir (/run/postgresql may not exist in a container).
    # pg_ctl points the server's stdin/stdout/stderr at /dev/null and the log, so it does not
    # hold the caller's stdout pipe open (which would hang "$(...)").
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -W start \
        -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$SOCK" >&2
fi

# Bounded wait, and fail loudly with the server log if it never comes up.
for _ in $(seq 1 30); do
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
    sleep 1
done
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    tail -n 30 "$LOG" >&2 || true
    die "server on 127.0.0.1:$PORT not ready after 30 s (log: $LOG)"
fi

psql_admin() { as_pg "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres "$@" >&2; }

# Roles: create if missing, then (re)set password and attributes every run so a rerun
# also repairs them. rtw_app must stay unprivileged: the tests rely on GRANTs biting.
psql_admin -d postgres <<'SQL'
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rtw_owner') THEN CREATE ROLE rtw_owner; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rtw_app') THEN CREATE ROLE rtw_app; END IF;
END $$;
ALTER ROLE rtw_owner LOGIN PASSWORD 'rtw_owner' NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS;
ALTER ROLE rtw_app LOGIN PASSWORD 'rtw_app' NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS;
-- CREATE DATABASE cannot run inside DO, so emit it only when missing.
SELECT 'CREATE DATABASE rtw_test OWNER rtw_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'rtw_test')
\gexec
ALTER DATABASE rtw_test OWNER TO rtw_owner;
GRANT CONNECT ON DATABASE rtw_test TO rtw_app;
SQL

# PostgreSQL 15 no longer lets PUBLIC create in public; revoke anyway so this holds on any version.
psql_admin -d rtw_test <<'SQL'
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO rtw_owner;
GRANT USAGE ON SCHEMA public TO rtw_app;
SQL

echo "RTW_TEST_POSTGRES_OWNER_URL=postgresql+psycopg://rtw_owner:rtw_owner@127.0.0.1:$PORT/rtw_test"
echo "RTW_TEST_POSTGRES_APP_URL=postgresql+psycopg://rtw_app:rtw_app@127.0.0.1:$PORT/rtw_test"
