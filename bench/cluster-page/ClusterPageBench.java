package kr.aifellows.portal.gpu.slurm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import kr.aifellows.portal.gpu.ClusterCapacity;

/**
 * The cluster page's data at 2,250 nodes × 8 GPUs: (1) reading and adding up scontrol's
 * output of that size, generated like the dev cluster's; (2) with a slurm.conf path, the
 * launcher's capacity() end to end against a real slurmctld with 2,250 nodes, uncached
 * and cached.
 */
public final class ClusterPageBench {

	public static void main(String[] args) {
		int nodeCount = Integer.getInteger("nodes", 2250);
		var random = new Random(42);
		var nodes = new StringBuilder();
		for (int i = 1; i <= nodeCount; i++) {
			int allocated = random.nextInt(9);
			var state = allocated == 0 ? "IDLE" : allocated == 8 ? "ALLOCATED" : "MIXED";
			var partitions = (i <= nodeCount / 2 ? "gpu,a100" : "gpu,h100") + (i <= 250 ? ",short" : "");
			nodes.append(
					"NodeName=g%04d Arch=x86_64 CoresPerSocket=64  CPUAlloc=%d CPUEfctv=128 CPUTot=128 CPULoad=3.52 AvailableFeatures=(null) ActiveFeatures=(null) Gres=gpu:8 NodeAddr=10.0.%d.%d NodeHostName=g%04d Version=22.05.8 OS=Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)  RealMemory=1000000 AllocMem=%d FreeMem=900000 Sockets=2 Boards=1 State=%s ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A MCS_label=N/A Partitions=%s  BootTime=2026-11-01T00:00:00 SlurmdStartTime=2026-11-01T00:01:00 LastBusyTime=2026-11-28T04:26:10 CfgTRES=cpu=128,mem=1000000M,billing=128,gres/gpu=8 AllocTRES=%s CapWatts=n/a CurrentWatts=0 AveWatts=0 ExtSensorsJoules=n/s ExtSensorsWatts=0 ExtSensorsTemp=n/s\n"
						.formatted(i, allocated * 8, i / 256, i % 256, i, allocated * 100_000, state, partitions,
								allocated == 0 ? "" : "cpu=" + allocated * 8 + ",mem=" + allocated * 100_000
										+ "M,gres/gpu=" + allocated));
		}
		var partitions = """
				PartitionName=gpu AllowGroups=ALL Default=YES MaxTime=2-00:00:00 Nodes=g[0001-2250] State=UP TotalNodes=2250
				PartitionName=a100 AllowGroups=ALL Default=NO MaxTime=1-00:00:00 Nodes=g[0001-1125] State=UP TotalNodes=1125
				PartitionName=h100 AllowGroups=ALL Default=NO MaxTime=1-00:00:00 Nodes=g[1126-2250] State=UP TotalNodes=1125
				PartitionName=short AllowGroups=ALL Default=NO MaxTime=01:00:00 Nodes=g[0001-0250] State=UP TotalNodes=250
				""";
		var nodesOut = nodes.toString();
		ClusterCapacity capacity = null;
		for (int i = 0; i < 300; i++) {
			capacity = SlurmOutput.capacity(nodesOut, partitions);
		}
		var times = new long[500];
		for (int i = 0; i < times.length; i++) {
			long start = System.nanoTime();
			capacity = SlurmOutput.capacity(nodesOut, partitions);
			times[i] = System.nanoTime() - start;
		}
		var gpu = capacity.partitions().get(0);
		System.out.printf("parse + aggregate, %d nodes, %d GPUs (%d allocated), %.1f MB of scontrol output: %s%n",
				capacity.nodes().size(), gpu.gpusTotal(), gpu.gpusAllocated(), nodesOut.length() / 1e6, summary(times));

		if (args.length > 0) {
			var conf = Path.of(args[0]);
			var uncached = new SlurmLauncher(
					new SlurmProperties(conf, null, null, null, null, null, null, null, null, Duration.ZERO, null));
			uncached.capacity();
			var real = new long[30];
			for (int i = 0; i < real.length; i++) {
				long start = System.nanoTime();
				capacity = uncached.capacity();
				real[i] = System.nanoTime() - start;
			}
			System.out.printf(
					"capacity() uncached against slurmctld with %d nodes, %d GPUs (2 × scontrol + parse): %s%n",
					capacity.nodes().size(), capacity.partitions().get(0).gpusTotal(), summary(real));
			var cached = new SlurmLauncher(new SlurmProperties(conf, null, null, null, null, null, null, null, null,
					Duration.ofSeconds(5), null));
			cached.capacity();
			var hits = new long[1000];
			for (int i = 0; i < hits.length; i++) {
				long start = System.nanoTime();
				cached.capacity();
				hits[i] = System.nanoTime() - start;
			}
			System.out.printf("capacity() cached (capacity-cache-ttl 5s, the cluster page's path): %s%n",
					summary(hits));
		}
	}

	private static String summary(long[] nanos) {
		var sorted = nanos.clone();
		Arrays.sort(sorted);
		return "median %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)".formatted(sorted[sorted.length / 2] / 1e6,
				sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
	}

}
