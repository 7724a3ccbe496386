package kr.aifellows.portal.gpu.slurm;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A fellow's grant mirrored into Slurm is enforced by the cluster itself. */
class SlurmAllocationMirrorTests {

	/** A Unix user of every Debian system, so that its jobs can run here. */
	private static final String FELLOW = "daemon";

	private static SlurmProperties cluster;

	@BeforeAll
	static void startCluster() {
		cluster = SlurmDevCluster.start();
	}

	@Test
	void aJobThatWouldOverrunTheMirroredGrantIsHeldBySlurm() {
		var mirror = new SlurmAllocationMirror(cluster);
		var launcher = new SlurmLauncher(cluster);
		mirror.grant(FELLOW, 3 * 60 + 59);
		assertThat(mirror.limitMinutes(FELLOW)).hasValue(3);
		String id = null;
		try {
			// 2 GPUs × 5 minutes = 10 GPU-minutes > 3
			id = launcher.submit(new JobSpec(System.nanoTime() % 1_000_000_000L, "over budget", "true", 1, 2, null,
					Duration.ofMinutes(5), FELLOW, Map.of()));
			var reason = "";
			for (int i = 0; i < 100 && reason.isEmpty(); i++) {
				SlurmDevCluster.sleep(200);
				var status = launcher.statuses(List.of(id)).get(id);
				assertThat(status.state()).isEqualTo(JobState.QUEUED);
				reason = status.reason();
			}
			assertThat(reason).isEqualTo("AssocGrpGRESMinutes");

			mirror.grant(FELLOW, 60 * 60);

			SlurmDevCluster.await(launcher, id, Duration.ofSeconds(60), JobState.COMPLETED);
		}
		finally {
			if (id != null) {
				launcher.cancel(id);
			}
			mirror.clear(FELLOW);
		}
		assertThat(mirror.limitMinutes(FELLOW)).isEmpty();
	}

}
