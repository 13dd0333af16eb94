#!/usr/bin/env bash
# A bounded noisy neighbour: one busy process for --busy seconds (default 20), started at a random
# moment within the first --window seconds (default 240) after this script starts. It is the
# disturbance the lab's regression check must survive without a false alarm (issue "Numbers you
# can trust"): start it beside a run of unchanged code and the check must still pass.
#
#   .ci/noisy-neighbour.sh &                        # then, at once:
#   ./run-benchmarks.sh --profile quick --check
#
#   .ci/noisy-neighbour.sh --window 60 --busy 30 --seed 7
#
# It prints (to stderr) when the busy process starts and stops, so a run's log can be read against
# it, and it stops its busy process when it is itself stopped (Ctrl-C, kill).
set -euo pipefail

WINDOW=240
BUSY=20
SEED=""
while (( $# > 0 )); do
  case "$1" in
    --window) WINDOW="$2"; shift 2 ;;
    --busy) BUSY="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "noisy-neighbour.sh: unknown option '$1' (allowed: --window S, --busy S, --seed N)" >&2; exit 2 ;;
  esac
done
[[ "$WINDOW" =~ ^[0-9]+$ && "$BUSY" =~ ^[1-9][0-9]*$ ]] \
  || { echo "noisy-neighbour.sh: --window must be a whole number of seconds >= 0 and --busy >= 1, were '$WINDOW', '$BUSY'" >&2; exit 2; }
if [[ -n "$SEED" ]]; then RANDOM="$SEED"; fi

DELAY=$(( WINDOW > 0 ? RANDOM % (WINDOW + 1) : 0 ))
child=""
cleanup() { if [[ -n "$child" ]]; then kill "$child" 2>/dev/null || true; fi; }
trap cleanup EXIT INT TERM

echo "noisy-neighbour: busy for ${BUSY}s after ${DELAY}s" >&2
sleep "$DELAY"
echo "noisy-neighbour: busy from $(date -u +%H:%M:%S)" >&2
timeout "$BUSY" sh -c 'while :; do :; done' &
child=$!
wait "$child" || true
child=""
echo "noisy-neighbour: quiet from $(date -u +%H:%M:%S)" >&2
