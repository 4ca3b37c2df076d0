#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for `rota batch` tests and measurements.
#
#   scripts/slurm-cluster.sh start [--accounting]   install if missing, configure, start, wait until idle
#   scripts/slurm-cluster.sh stop                   stop exactly the daemons this script started
#   scripts/slurm-cluster.sh status                 sinfo, and the daemons this script started
#   scripts/slurm-cluster.sh env                    prints `export SLURM_CONF=…` for the client commands
#
# Everything lives in $ROTA_SLURM_DIR (default /var/tmp/rota-slurm): slurm.conf, spool,
# logs, pid files, and `started`, the list of "name pid" of every daemon this script
# started, which `stop` reads. Nothing is written to /etc/slurm. Clients find the cluster
# through SLURM_CONF=$ROTA_SLURM_DIR/slurm.conf.
#
# --accounting also starts MariaDB and slurmdbd, so that `sacct` reports each task's
# wall time and peak memory (Benchmarks/batch_cost.sh uses it); the tests do not need it.
#
# The node runs without cgroups (proctrack/linuxproc, task/none), so it works in a
# container or a VM without systemd. Needs root (it starts slurmd), like any Slurm node.
set -euo pipefail

STATE=${ROTA_SLURM_DIR:-/var/tmp/rota-slurm}
CONF=$STATE/slurm.conf
STARTED=$STATE/started
WAIT_SECONDS=${ROTA_SLURM_WAIT:-90}
HOST=$(hostname -s)
export SLURM_CONF=$CONF

say() { echo "slurm-cluster: $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local need=()
  command -v slurmctld >/dev/null || need+=(slurmctld)
  command -v slurmd >/dev/null || need+=(slurmd)
  command -v sbatch >/dev/null || need+=(slurm-client)
  command -v munged >/dev/null || need+=(munge)
  if [ "${1:-}" = accounting ]; then
    command -v slurmdbd >/dev/null || need+=(slurmdbd)
    command -v mariadbd >/dev/null || need+=(mariadb-server)
  fi
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

record() { echo "$1 $2" >> "$STARTED"; }

# Waits until `$1` (a command) succeeds, for at most $2 seconds.
wait_for() {
  local deadline=$((SECONDS + $2))
  until eval "$1" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 1
  done
}

start_munge() {
  if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    say "munged is already running"
    return
  fi
  if [ ! -s /etc/munge/munge.key ]; then
    say "creating /etc/munge/munge.key"
    as_root mungekey --create --keyfile=/etc/munge/munge.key 2>/dev/null || as_root create-munge-key
    as_root chown munge:munge /etc/munge/munge.key
    as_root chmod 0400 /etc/munge/munge.key
  fi
  as_root install -d -o munge -g munge -m 0755 /run/munge /var/lib/munge /var/log/munge
  as_root runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
  wait_for "munge -n | unmunge" 20 || { say "munged did not start"; exit 1; }
  record munged "$(cat /run/munge/munged.pid)"
}

start_accounting() {
  if ! mariadb -e 'select 1' >/dev/null 2>&1; then
    as_root install -d -o mysql -g mysql -m 0755 /run/mysqld
    if [ ! -d /var/lib/mysql/mysql ]; then as_root mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null; fi
    as_root runuser -u mysql -- /usr/sbin/mariadbd --datadir=/var/lib/mysql --socket=/run/mysqld/mysqld.sock \
      --pid-file=/run/mysqld/rota.pid --log-error=/run/mysqld/rota.log >/dev/null 2>&1 &
    wait_for "test -s /run/mysqld/rota.pid" 60 || { say "MariaDB did not start; see /run/mysqld/rota.log"; exit 1; }
    record mariadbd "$(cat /run/mysqld/rota.pid)"
    wait_for "mariadb -e 'select 1'" 60 || { say "MariaDB does not answer; see /run/mysqld/rota.log"; exit 1; }
  fi
  mariadb -e "CREATE DATABASE IF NOT EXISTS slurm_acct_db; CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY 'rota-local'; GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';"
  cat > "$STATE/slurmdbd.conf" <<EOF
# written by rota scripts/slurm-cluster.sh
AuthType=auth/munge
DbdHost=localhost
SlurmUser=root
PidFile=$STATE/run/slurmdbd.pid
LogFile=$STATE/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=slurm
StoragePass=rota-local
StorageLoc=slurm_acct_db
EOF
  chmod 0600 "$STATE/slurmdbd.conf"
  # slurmdbd reads slurmdbd.conf beside $SLURM_CONF.
  slurmdbd
  wait_for "test -s $STATE/run/slurmdbd.pid" 30 || { say "slurmdbd did not start; see $STATE/log/slurmdbd.log"; exit 1; }
  record slurmdbd "$(cat "$STATE/run/slurmdbd.pid")"
  wait_for "sacctmgr -n show cluster" 30 || { say "slurmdbd does not answer; see $STATE/log/slurmdbd.log"; exit 1; }
  sacctmgr -i add cluster rota >/dev/null 2>&1 || true
}

write_conf() {
  local node accounting=$1
  # The node's real CPUs, sockets, cores and memory, as slurmd itself sees them.
  node=$(slurmd -C | head -n 1)
  cat > "$CONF" <<EOF
# written by rota scripts/slurm-cluster.sh: a single-node cluster on $HOST
ClusterName=rota
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/spool/ctld
SlurmdSpoolDir=$STATE/spool/d
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
KillWait=30
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=1
EOF
  if [ "$accounting" = yes ]; then
    printf 'AccountingStorageType=accounting_storage/slurmdbd\nAccountingStorageHost=localhost\n' >> "$CONF"
  else
    printf 'AccountingStorageType=accounting_storage/none\n' >> "$CONF"
  fi
  printf '%s State=UNKNOWN\nPartitionName=rota Nodes=%s Default=YES MaxTime=INFINITE State=UP\n' "$node" "$HOST" >> "$CONF"
}

start() {
  local accounting=no
  [ "${1:-}" = --accounting ] && accounting=yes
  if [ -f "$STARTED" ] && sinfo -h >/dev/null 2>&1; then
    say "already running (stop it first to change its configuration)"
    status
    return
  fi
  install_missing "$([ $accounting = yes ] && echo accounting)"
  mkdir -p "$STATE"/{spool/ctld,spool/d,log,run}
  # Pid files of an earlier run would pass for new ones.
  rm -f "$STATE"/run/*.pid
  as_root rm -f /run/mysqld/rota.pid
  : > "$STARTED"
  write_conf $accounting
  start_munge
  [ $accounting = yes ] && start_accounting
  slurmctld -f "$CONF"
  wait_for "test -s $STATE/run/slurmctld.pid" 30 || { say "slurmctld did not start; see $STATE/log/slurmctld.log"; exit 1; }
  record slurmctld "$(cat "$STATE/run/slurmctld.pid")"
  wait_for "scontrol ping | grep -q UP" 30 || { say "slurmctld does not answer; see $STATE/log/slurmctld.log"; exit 1; }
  slurmd -f "$CONF"
  wait_for "test -s $STATE/run/slurmd.pid" 30 || { say "slurmd did not start; see $STATE/log/slurmd.log"; exit 1; }
  record slurmd "$(cat "$STATE/run/slurmd.pid")"
  # A node that was down (an earlier run's state) is resumed; then wait until it is idle.
  local deadline=$((SECONDS + WAIT_SECONDS)) state
  while :; do
    state=$(sinfo -h -n "$HOST" -o %T 2>/dev/null | head -n 1 || true)
    case "$state" in
      idle|idle~|mixed|allocated) break ;;
      down*|drain*|fail*) scontrol update nodename="$HOST" state=resume >/dev/null 2>&1 || true ;;
    esac
    if [ $SECONDS -ge $deadline ]; then say "node $HOST is '$state', not idle, after ${WAIT_SECONDS}s; see $STATE/log/"; exit 1; fi
    sleep 1
  done
  say "node $HOST is $state (accounting: $accounting); clients need: export SLURM_CONF=$CONF"
}

stop() {
  if [ ! -f "$STARTED" ]; then say "nothing started by this script"; return; fi
  # In reverse order of starting: slurmd, slurmctld, slurmdbd, MariaDB, munged.
  tac "$STARTED" | while read -r name pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      say "stopped $name ($pid)"
    fi
  done
  rm -f "$STARTED"
}

status() {
  if [ -f "$STARTED" ]; then
    while read -r name pid; do
      if kill -0 "$pid" 2>/dev/null; then echo "$name $pid running"; else echo "$name $pid gone"; fi
    done < "$STARTED"
  else
    echo "nothing started by this script"
  fi
  sinfo 2>/dev/null || true
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  *) echo "usage: $0 start [--accounting] | stop | status | env" >&2; exit 64 ;;
esac
