#!/usr/bin/env bash
# Starts coturn for local development on loopback only (127.0.0.1), in the foreground, with time-limited
# credentials (use-auth-secret). Stop it with Ctrl-C (or kill its PID: the script execs turnserver).
#
#   VIREO_TURN_SECRET=dev-secret turn-config/dev-turnserver.sh [--port 3478] [--relay-ports 49160-49200] [--dir DIR]
#   ./vireo server --allowed-networks 127.0.0.0/8 --turn-urls turn:127.0.0.1:3478 --turn-secret dev-secret
#
# Unlike the production template (turnserver.conf) it allows loopback peers: on one machine the SFU's media port is
# on 127.0.0.1. Never use it on a reachable address.
set -euo pipefail

port=3478
relay_ports=49160-49200
dir=
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --relay-ports) relay_ports="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "dev-turnserver: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$port" =~ ^[0-9]+$ && "$relay_ports" =~ ^([0-9]+)-([0-9]+)$ ]]; then
  echo "dev-turnserver: --port must be a number and --relay-ports MIN-MAX" >&2
  exit 2
fi
min_port="${BASH_REMATCH[1]}"
max_port="${BASH_REMATCH[2]}"
command -v turnserver >/dev/null || { echo "dev-turnserver: coturn is not installed (apt-get install coturn)" >&2; exit 1; }
secret="${VIREO_TURN_SECRET:-}"
if [[ -z "$secret" ]]; then
  secret="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  echo "dev-turnserver: no VIREO_TURN_SECRET set; using $secret for this run" >&2
fi
dir="${dir:-$(mktemp -d -t vireo-turn-XXXXXX)}"
mkdir -p "$dir"
conf="$dir/turnserver.conf"
umask 077
cat >"$conf" <<CONF
listening-ip=127.0.0.1
relay-ip=127.0.0.1
listening-port=$port
min-port=$min_port
max-port=$max_port
use-auth-secret
static-auth-secret=$secret
realm=vireo.local
fingerprint
no-tcp
no-tls
no-dtls
no-tcp-relay
no-cli
no-multicast-peers
no-rfc5780
# Development only: the SFU is on this machine's loopback. Production denies loopback and private peers.
allow-loopback-peers
denied-peer-ip=0.0.0.0-126.255.255.255
denied-peer-ip=128.0.0.0-255.255.255.255
userdb=$dir/turndb
pidfile=$dir/turnserver.pid
log-file=$dir/turnserver.log
simple-log
# Sessions, allocations and refused credentials, with their usernames (never the secret).
verbose
CONF
echo "dev-turnserver: coturn on turn:127.0.0.1:$port (relay ports $min_port-$max_port), config $conf, log $dir/turnserver.log" >&2
exec turnserver -c "$conf"
