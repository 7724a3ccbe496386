#!/usr/bin/env bash
# Cluster page at 2,250 nodes × 8 GPUs: parsing and adding up, then end to end against a real
# slurmctld with 2,250 nodes (no slurmd; uses the dev cluster's munged). Usage: bench/cluster-page/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B compile
out=target/bench-cluster-page
mkdir -p "$out"
"$JAVA_HOME/bin/javac" -d "$out" -cp target/classes bench/cluster-page/ClusterPageBench.java

big=/tmp/aifellows-slurm-big
gpu-allocation/launchers/slurm/dev-cluster.sh start 2>/dev/null
mkdir -p "$big"/{etc,spool,log,run}
host=$(hostname -s)
cat > "$big/etc/slurm.conf" <<CONF
ClusterName=aifbig
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=17817
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=/tmp/aifellows-slurm/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$big/spool
SlurmdSpoolDir=$big/spool/%n
SlurmctldPidFile=$big/run/slurmctld.pid
SlurmctldLogFile=$big/log/slurmctld.log
SlurmdParameters=config_overrides
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
GresTypes=gpu
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
NodeName=g[0001-2250] NodeHostname=$host NodeAddr=127.0.0.1 Port=17900 CPUs=128 RealMemory=1000000 Gres=gpu:8 State=UNKNOWN
PartitionName=gpu Nodes=g[0001-2250] Default=YES MaxTime=2-00:00:00 State=UP
PartitionName=a100 Nodes=g[0001-1125] MaxTime=1-00:00:00 State=UP
PartitionName=h100 Nodes=g[1126-2250] MaxTime=1-00:00:00 State=UP
PartitionName=short Nodes=g[0001-0250] MaxTime=01:00:00 State=UP
CONF
printf 'AutoDetect=off\nNodeName=g[0001-2250] Name=gpu File=/tmp/aifellows-slurm/dev/nvidia[0-7]\n' > "$big/etc/gres.conf"
stop_big() {
  [ -s "$big/run/slurmctld.pid" ] && kill "$(cat "$big/run/slurmctld.pid")" 2>/dev/null || true
}
trap stop_big EXIT
SLURM_CONF=$big/etc/slurm.conf slurmctld
for _ in $(seq 50); do SLURM_CONF=$big/etc/slurm.conf scontrol ping >/dev/null 2>&1 && break; sleep 0.2; done

"$JAVA_HOME/bin/java" -cp "target/classes:$out" kr.aifellows.portal.gpu.slurm.ClusterPageBench "$big/etc/slurm.conf"
