#!/bin/sh
# The reader's first launch on a folder, measured from outside: yomu runs in
# a tmux pane with an empty cache and state; every ~100 ms (each sample takes
# a little longer) the pane's RssAnon and VmHWM (kB, /proc/PID/status) and
# the screen's first and last rows are appended to OUT, one line per sample,
# with the seconds since the launch. Used for BENCHMARKS.md "Memory".
#
#   .ci/first-launch-memory.sh target/release/yomu /tmp/yomu-archive-b-100000 out.log 60
set -u
BIN=$1; DIR=$2; OUT=$3; SAMPLES=$((${4:-60} * 10))
WORK=$(mktemp -d)
mkdir -p "$WORK/cache" "$WORK/state"
S=$WORK/sock
tmux -S "$S" -f /dev/null new-session -d -x 100 -y 30 \
  "env XDG_CACHE_HOME=$WORK/cache XDG_STATE_HOME=$WORK/state $BIN $DIR"
PID=$(tmux -S "$S" display -p '#{pane_pid}')
start=$(date +%s.%N)
: > "$OUT"
n=0
while [ $n -lt $SAMPLES ]; do
  t=$(echo "$(date +%s.%N) - $start" | bc)
  anon=$(awk '/RssAnon/ {print $2}' /proc/"$PID"/status 2>/dev/null)
  hwm=$(awk '/VmHWM/ {print $2}' /proc/"$PID"/status 2>/dev/null)
  screen=$(tmux -S "$S" capture-pane -p)
  top=$(printf '%s\n' "$screen" | head -1)
  bottom=$(printf '%s\n' "$screen" | tail -1)
  echo "$t $anon $hwm | $top | $bottom" >> "$OUT"
  sleep 0.1
  n=$((n + 1))
done
tmux -S "$S" kill-server
rm -rf "$WORK"
