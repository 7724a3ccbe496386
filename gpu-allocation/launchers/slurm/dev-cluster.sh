#!/usr/bin/env bash
# A real Slurm cluster on this one host, for development and the Slurm launcher's tests:
# munged, MariaDB, slurmdbd, slurmctld and several slurmd as virtual nodes with fake GPUs.
# Everything lives under one state directory and is stopped by its own PID files; jobs may run as
# root, nobody or aiffellow (a system user made when missing), all in the Slurm account "fellows".
#
#   dev-cluster.sh install   installs the Debian packages when missing (root)
#   dev-cluster.sh start     installs if needed, starts what is not running, waits until usable
#   dev-cluster.sh stop      stops exactly the daemons it started
#   dev-cluster.sh status    says what runs; exit code 0 only when the cluster is usable
#   dev-cluster.sh env       prints the SLURM_CONF line to use the cluster from a shell
#   dev-cluster.sh purge     stops and deletes the state directory (accounting included)
#
# Settings (environment): AIF_SLURM_DIR (state directory, default /tmp/aifellows-slurm),
# AIF_SLURM_NODES (virtual nodes, default 4), AIF_SLURM_PORT (first port, default 16817; the
# cluster uses it and the following ones: slurmctld, slurmdbd, MariaDB, then one per node).
set -euo pipefail

STATE=${AIF_SLURM_DIR:-/tmp/aifellows-slurm}
NODES=${AIF_SLURM_NODES:-4}
PORT=${AIF_SLURM_PORT:-16817}
CLUSTER=aifellows
GPUS_PER_NODE=8
CTLD_PORT=$PORT
DBD_PORT=$((PORT + 1))
DB_PORT=$((PORT + 2))
NODE_PORT0=$((PORT + 10))
HOST=$(hostname -s)
# A Unix user for the tests of jobs that run as a fellow's cluster user (made when missing).
TEST_USER=aiffellow
PACKAGES=(slurm-wlm slurmctld slurmd slurm-client slurmdbd munge mariadb-server)
export SLURM_CONF=$STATE/etc/slurm.conf

log() { echo "dev-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

node_names() { local i; for ((i = 1; i <= NODES; i++)); do echo "aif$i"; done; }

alive() { # pid file
  local pid
  [ -s "$1" ] && pid=$(cat "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

install_packages() {
  local missing=() bin
  for bin in slurmctld slurmd slurmdbd sbatch munged mariadbd mariadb-install-db; do
    command -v "$bin" >/dev/null || missing+=("$bin")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}; run as root or: apt-get install ${PACKAGES[*]}"
  log "installing ${PACKAGES[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
}

write_config() {
  mkdir -p "$STATE"/{etc,run,log,munge,db,spool/ctld,dev,jobs}
  chmod 755 "$STATE/munge"
  chmod 700 "$STATE/db"
  chmod 1777 "$STATE/jobs"
  local i node
  for ((i = 0; i < GPUS_PER_NODE; i++)); do
    [ -e "$STATE/dev/nvidia$i" ] || mknod "$STATE/dev/nvidia$i" c 195 "$i"
  done
  [ -s "$STATE/munge/munge.key" ] || {
    dd if=/dev/urandom of="$STATE/munge/munge.key" bs=1024 count=1 status=none
    chmod 600 "$STATE/munge/munge.key"
  }
  [ -s "$STATE/etc/db.password" ] || {
    (umask 077; head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$STATE/etc/db.password")
  }
  local names
  names=$(node_names | paste -sd, -)
  {
    cat <<CONF
# Written by dev-cluster.sh; rewritten on every start.
ClusterName=$CLUSTER
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$STATE/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$STATE/spool/ctld
SlurmdSpoolDir=$STATE/spool/%n
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd-%n.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd-%n.log
SlurmdParameters=config_overrides
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=30
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# Backfill every 5 s (default 30) so that squeue --start has an estimate soon after submission.
SchedulerParameters=bf_interval=5
GresTypes=gpu
MpiDefault=none
ReturnToService=2
KillWait=5
MinJobAge=300
InactiveLimit=0
SlurmctldTimeout=120
SlurmdTimeout=300
EnforcePartLimits=ALL
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$DBD_PORT
# The clients' way to our private munged when they talk to slurmdbd.
AccountingStoragePass=$STATE/munge/munge.socket
AccountingStorageTRES=gres/gpu
AccountingStorageEnforce=associations,limits,qos,safe
PriorityType=priority/multifactor
PriorityDecayHalfLife=0
PriorityUsageResetPeriod=NONE
JobCompType=jobcomp/none
CONF
    for ((i = 1; i <= NODES; i++)); do
      echo "NodeName=aif$i NodeHostname=$HOST NodeAddr=127.0.0.1 Port=$((NODE_PORT0 + i)) CPUs=16 RealMemory=64000 Gres=gpu:$GPUS_PER_NODE State=UNKNOWN"
    done
    echo "PartitionName=gpu Nodes=$names Default=YES MaxTime=1-00:00:00 State=UP"
    echo "PartitionName=short Nodes=aif1,aif2 MaxTime=00:30:00 State=UP"
  } > "$STATE/etc/slurm.conf"
  {
    echo "AutoDetect=off"
    echo "NodeName=$names Name=gpu File=$STATE/dev/nvidia[0-$((GPUS_PER_NODE - 1))]"
  } > "$STATE/etc/gres.conf"
  (umask 077; cat > "$STATE/etc/slurmdbd.conf" <<CONF
AuthType=auth/munge
AuthInfo=socket=$STATE/munge/munge.socket
DbdHost=localhost
DbdAddr=127.0.0.1
DbdPort=$DBD_PORT
SlurmUser=root
PidFile=$STATE/run/slurmdbd.pid
LogFile=$STATE/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DB_PORT
StorageUser=slurm
StoragePass=$(cat "$STATE/etc/db.password")
StorageLoc=slurm_acct_db
CONF
  )
}

start_munge() {
  alive "$STATE/run/munged.pid" && return 0
  munged --force --num-threads=10 --socket="$STATE/munge/munge.socket" --key-file="$STATE/munge/munge.key" \
    --pid-file="$STATE/run/munged.pid" --log-file="$STATE/log/munged.log" \
    --seed-file="$STATE/munge/munged.seed"
}

start_db() {
  alive "$STATE/run/mariadbd.pid" && return 0
  if [ ! -d "$STATE/db/data/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$STATE/db/data" --user=root \
      --auth-root-authentication-method=socket --skip-test-db >"$STATE/log/mariadb-install.log" 2>&1 \
      || die "mariadb-install-db failed, see $STATE/log/mariadb-install.log"
  fi
  local pass
  pass=$(cat "$STATE/etc/db.password")
  (umask 077; cat > "$STATE/db/init.sql" <<SQL
CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$pass';
ALTER USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$pass';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';
SQL
  )
  # setsid + nohup: the database outlives the shell (and the JVM) that started it.
  setsid nohup mariadbd --no-defaults --user=root --datadir="$STATE/db/data" \
    --socket="$STATE/db/mysqld.sock" --port="$DB_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
    --pid-file="$STATE/run/mariadbd.pid" --log-error="$STATE/log/mariadbd.log" --init-file="$STATE/db/init.sql" \
    --innodb-use-native-aio=0 --innodb-buffer-pool-size=32M --innodb-log-file-size=16M \
    --performance-schema=OFF --skip-log-bin </dev/null >/dev/null 2>&1 &
  wait_for "MariaDB" 30 test -S "$STATE/db/mysqld.sock"
}

start_slurmdbd() {
  alive "$STATE/run/slurmdbd.pid" && return 0
  slurmdbd
  wait_for "slurmdbd" 30 sacctmgr -n -Q show cluster
}

ensure_test_user() {
  id -u "$TEST_USER" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || die "the test user $TEST_USER is missing; run as root or: useradd --system $TEST_USER"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$TEST_USER"
}

register_accounts() {
  # The cluster, an account for the portal's jobs, and the users tests submit as.
  if [ -z "$(sacctmgr -n -P show cluster "$CLUSTER" format=cluster 2>/dev/null)" ]; then
    sacctmgr -i -Q add cluster "$CLUSTER" >/dev/null
  fi
  if [ -z "$(sacctmgr -n -P show account fellows format=account 2>/dev/null)" ]; then
    sacctmgr -i -Q add account fellows description="AI fellows" organization=aifellows >/dev/null
  fi
  local user
  for user in root nobody "$TEST_USER"; do
    if [ -z "$(sacctmgr -n -P show assoc where user=$user account=fellows format=user 2>/dev/null)" ]; then
      sacctmgr -i -Q add user "$user" account=fellows >/dev/null
    fi
  done
}

start_slurmctld() {
  alive "$STATE/run/slurmctld.pid" && return 0
  slurmctld
}

start_slurmd() {
  local node
  for node in $(node_names); do
    alive "$STATE/run/slurmd-$node.pid" && continue
    mkdir -p "$STATE/spool/$node"
    slurmd -N "$node"
  done
}

wait_for() { # what seconds command...
  local what=$1 seconds=$2 i
  shift 2
  for ((i = 0; i < seconds * 5; i++)); do
    if declare -F "$1" >/dev/null; then
      "$@" >/dev/null 2>&1 && return 0
    else
      timeout 10 "$@" >/dev/null 2>&1 && return 0
    fi
    sleep 0.2
  done
  die "$what did not come up within ${seconds}s; logs in $STATE/log"
}

nodes_ready() {
  local states
  states=$(timeout 10 sinfo -h -N -o '%N %T' 2>/dev/null | sort -u) || return 1
  [ "$(echo "$states" | grep -cE ' (idle|mixed|allocated|completing)$')" -eq "$NODES" ]
}

registered() {
  [ -n "$(timeout 10 sacctmgr -n -P show cluster "$CLUSTER" format=controlhost 2>/dev/null | tr -d '[:space:]')" ]
}

usable() {
  alive "$STATE/run/munged.pid" && alive "$STATE/run/mariadbd.pid" && alive "$STATE/run/slurmdbd.pid" \
    && alive "$STATE/run/slurmctld.pid" && nodes_ready && registered
}

cmd_start() {
  install_packages
  ensure_test_user
  if usable; then
    register_accounts
    log "already running ($STATE)"
    usage_hint
    return 0
  fi
  local t0=$SECONDS
  write_config
  start_munge
  start_db
  start_slurmdbd
  register_accounts
  start_slurmctld
  start_slurmd
  wait_for "slurmctld" 30 scontrol ping
  wait_for "nodes" 60 nodes_ready
  wait_for "registration with slurmdbd" 60 registered
  log "up in $((SECONDS - t0))s: $NODES nodes x $GPUS_PER_NODE GPUs, partitions gpu (default) and short"
  usage_hint
}

usage_hint() {
  cat >&2 <<HINT
  use it:   export SLURM_CONF=$SLURM_CONF
            sbatch --gres=gpu:2 --time=5 --account=fellows --wrap 'nvidia-smi -L || env | grep CUDA'
            squeue; sacct -X -P --format=JobID,State,ElapsedRaw,AllocTRES,ExitCode; sinfo
  portal:   portal.gpu.launcher=slurm portal.gpu.slurm.conf=$SLURM_CONF
            portal.gpu.slurm.account=fellows portal.gpu.slurm.jobs-dir=$STATE/jobs
  stop:     $0 stop
HINT
}

stop_pid() { # pid file
  local pid
  alive "$1" || { rm -f "$1"; return 0; }
  pid=$(cat "$1")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$1"; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$1"
}

cmd_stop() {
  [ -d "$STATE/run" ] || { log "nothing to stop ($STATE)"; return 0; }
  local f
  # Parallel, in dependency order: the Slurm daemons, then accounting, then munge.
  for f in "$STATE"/run/slurmd-*.pid "$STATE/run/slurmctld.pid"; do
    [ -e "$f" ] && stop_pid "$f" &
  done
  wait
  stop_pid "$STATE/run/slurmdbd.pid"
  stop_pid "$STATE/run/mariadbd.pid"
  stop_pid "$STATE/run/munged.pid"
  log "stopped ($STATE)"
}

cmd_status() {
  local f
  for f in munged mariadbd slurmdbd slurmctld $(node_names | sed 's/^/slurmd-/'); do
    if alive "$STATE/run/$f.pid"; then echo "$f running (pid $(cat "$STATE/run/$f.pid"))"; else echo "$f stopped"; fi
  done
  if usable; then
    sinfo
    echo "usable: export SLURM_CONF=$SLURM_CONF"
  else
    echo "not usable"
    return 1
  fi
}

case "${1:-}" in
  install) install_packages ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) echo "export SLURM_CONF=$SLURM_CONF" ;;
  purge) cmd_stop; rm -rf "$STATE" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
