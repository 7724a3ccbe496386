package kr.aifellows.portal.gpu.slurm;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import kr.aifellows.portal.gpu.JobState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what Slurm 22.05 prints, from lines captured on the dev cluster. */
class SlurmOutputTests {

	@Test
	void slurmStatesMapToThePortals() {
		assertThat(SlurmOutput.state("PENDING")).isEqualTo(JobState.QUEUED);
		assertThat(SlurmOutput.state("CONFIGURING")).isEqualTo(JobState.QUEUED);
		assertThat(SlurmOutput.state("RUNNING")).isEqualTo(JobState.RUNNING);
		assertThat(SlurmOutput.state("COMPLETING")).isEqualTo(JobState.RUNNING);
		assertThat(SlurmOutput.state("COMPLETED")).isEqualTo(JobState.COMPLETED);
		assertThat(SlurmOutput.state("FAILED")).isEqualTo(JobState.FAILED);
		assertThat(SlurmOutput.state("NODE_FAIL")).isEqualTo(JobState.FAILED);
		assertThat(SlurmOutput.state("OUT_OF_MEMORY")).isEqualTo(JobState.FAILED);
		assertThat(SlurmOutput.state("PREEMPTED")).isEqualTo(JobState.FAILED);
		assertThat(SlurmOutput.state("CANCELLED by 0")).isEqualTo(JobState.CANCELLED);
		assertThat(SlurmOutput.state("TIMEOUT")).isEqualTo(JobState.TIMED_OUT);
		assertThat(SlurmOutput.state("DEADLINE")).isEqualTo(JobState.TIMED_OUT);
		assertThat(SlurmOutput.state("BOOT_FAIL")).isEqualTo(JobState.LAUNCH_FAILED);
	}

	@Test
	void exitCodesAreTheScriptsOr128PlusTheSignal() {
		assertThat(SlurmOutput.exitCode("0:0")).isZero();
		assertThat(SlurmOutput.exitCode("3:0")).isEqualTo(3);
		assertThat(SlurmOutput.exitCode("0:15")).isEqualTo(143);
		assertThat(SlurmOutput.exitCode("")).isNull();
	}

	@Test
	void accountingReadsTheAllocationLineAndThePeakMemoryOfItsSteps() {
		var out = """
				4|COMPLETED|2026-11-28T04:26:01|2026-11-28T04:26:05|0:0|4|billing=2,cpu=2,gres/gpu=4,node=2|aif[1-2]|None|01:02.449||/tmp/aifellows-slurm/jobs/job-1
				4.batch|COMPLETED|2026-11-28T04:26:01|2026-11-28T04:26:05|0:0|4|cpu=1,gres/gpu=2,mem=0,node=1|aif1||00:01.449|51200K|
				4.extern|COMPLETED|2026-11-28T04:26:01|2026-11-28T04:26:05|0:0|4|billing=2,cpu=2,gres/gpu=4,node=2|aif[1-2]||00:00:00|0|
				5|CANCELLED by 0|2026-11-28T04:27:00|2026-11-28T04:27:00|0:0|0||None assigned|Resources|00:00:00||/tmp/aifellows-slurm/jobs/job-2
				""";

		var rows = SlurmOutput.parseAccounting(out);

		assertThat(rows).containsOnlyKeys("4", "5");
		var done = rows.get("4");
		assertThat(done.gpus()).isEqualTo(4);
		assertThat(done.elapsedSeconds()).isEqualTo(4);
		assertThat(done.cpuSeconds()).isEqualTo(62);
		assertThat(done.peakMemoryBytes()).isEqualTo(51_200 * 1024L);
		assertThat(done.start())
			.isEqualTo(LocalDateTime.parse("2026-11-28T04:26:01").atZone(ZoneId.systemDefault()).toInstant());
		assertThat(done.workDir()).isEqualTo("/tmp/aifellows-slurm/jobs/job-1");
		var cancelled = rows.get("5");
		assertThat(cancelled.start()).isNull();
		assertThat(cancelled.gpus()).isZero();
		assertThat(SlurmOutput.state(cancelled.state())).isEqualTo(JobState.CANCELLED);
	}

	@Test
	void theQueueIsReadFromSqueuesSeparatedFormat() {
		var rows = SlurmOutput.parseQueue("""
				2|PENDING|N/A|N/A||Resources|gres:gpu:1
				1|RUNNING|2026-11-28T04:25:24|2026-11-28T04:30:24|aif[1-2]|None|gres:gpu:2
				""");

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).start()).isNull();
		assertThat(rows.get(0).reason()).isEqualTo("Resources");
		assertThat(rows.get(1).nodes()).isEqualTo("aif[1-2]");
	}

	@Test
	void gpuCountsComeFromTresListsWhateverElseTheyHold() {
		assertThat(SlurmOutput.gpus("billing=1,cpu=1,gres/gpu=2,node=1")).isEqualTo(2);
		assertThat(SlurmOutput.gpus("cpu=16,mem=62.50G,billing=16,gres/gpu=8,gres/gpu:a100=8")).isEqualTo(8);
		assertThat(SlurmOutput.gpus("cpu=1,gres/gpumem=4,node=1")).isZero();
		assertThat(SlurmOutput.gpus("")).isZero();
		assertThat(SlurmOutput.gresGpus("gpu:8")).isEqualTo(8);
		assertThat(SlurmOutput.gresGpus("gpu:a100:4(S:0,1),gpu:v100:2(S:1)")).isEqualTo(6);
		assertThat(SlurmOutput.gresGpus("(null)")).isZero();
	}

	@Test
	void durationsAndSizesInSlurmsNotation() {
		assertThat(SlurmOutput.duration("1-00:00:00")).isEqualTo(86_400);
		assertThat(SlurmOutput.duration("00:30:00")).isEqualTo(1_800);
		assertThat(SlurmOutput.duration("30:00")).isEqualTo(1_800);
		assertThat(SlurmOutput.duration("00:01.449")).isEqualTo(1);
		assertThat(SlurmOutput.duration("UNLIMITED")).isEqualTo(-1);
		assertThat(SlurmOutput.bytes("1.5G")).isEqualTo(3L << 29);
		assertThat(SlurmOutput.bytes("")).isEqualTo(-1);
		assertThat(SbatchSubmission.minutes(Duration.ofSeconds(61))).isEqualTo(2);
		assertThat(SbatchSubmission.minutes(Duration.ofSeconds(5))).isEqualTo(1);
	}

	@Test
	void capacityAddsUpNodesPerPartitionEvenWithSpacesInOtherValues() {
		var nodes = """
				NodeName=aif1 Arch=x86_64 CoresPerSocket=1  CPUAlloc=3 Gres=gpu:8 OS=Linux 6.1 #1 SMP PREEMPT_DYNAMIC State=MIXED Partitions=gpu,short  CfgTRES=cpu=16,mem=62.50G,billing=16,gres/gpu=8 AllocTRES=cpu=3,gres/gpu=5 Reason=Not responding [root@2026]
				NodeName=aif2 Arch=x86_64 State=IDLE Partitions=gpu,short CfgTRES=cpu=16,gres/gpu=8 AllocTRES= CapWatts=n/a
				NodeName=aif3 Arch=x86_64 State=DOWN* Partitions=gpu CfgTRES=cpu=16,gres/gpu=8 AllocTRES=
				NodeName=spare Arch=x86_64 Gres=(null) State=IDLE CfgTRES=cpu=16 AllocTRES=
				NodeName=unregistered Gres=gpu:a100:8(S:0-1) State=UNKNOWN* Partitions=short CfgTRES=cpu=16 AllocTRES=
				""";
		var partitions = """
				PartitionName=gpu AllowGroups=ALL Default=YES MaxTime=1-00:00:00 Nodes=aif[1-3] TotalNodes=3
				PartitionName=short AllowGroups=ALL MaxTime=00:30:00 Nodes=aif[1-2] TotalNodes=2
				PartitionName=empty MaxTime=UNLIMITED Nodes=(null) TotalNodes=0
				""";

		var capacity = SlurmOutput.capacity(nodes, partitions);

		assertThat(capacity.nodes()).hasSize(5);
		assertThat(capacity.nodes().get(4).gpusTotal()).isEqualTo(8);
		assertThat(capacity.nodes().get(0)).satisfies(node -> {
			assertThat(node.state()).isEqualTo("MIXED");
			assertThat(node.partition()).isEqualTo("gpu,short");
			assertThat(node.gpusAllocated()).isEqualTo(5);
		});
		assertThat(capacity.nodes().get(2).state()).isEqualTo("DOWN*");
		assertThat(capacity.partitions())
			.extracting(p -> p.name() + " " + p.nodes() + " " + p.gpusTotal() + " " + p.gpusAllocated() + " "
					+ p.maxTimeSeconds())
			.containsExactly("gpu 3 24 5 86400", "short 3 24 5 1800", "empty 0 0 0 -1");
	}

}
