package kr.aifellows.portal.gpu.slurm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import kr.aifellows.portal.gpu.JobSpec;

/**
 * The portal's side of the crash test, in its own JVM: launches jobs on the dev cluster,
 * notes each one and charges those that finish, until it is killed.
 */
final class CrashingPortal {

	private CrashingPortal() {
	}

	/**
	 * Arguments: the book's directory, the first portal job id, how many short jobs, how
	 * many long ones.
	 */
	public static void main(String[] args) throws Exception {
		var book = new ChargeBook(Path.of(args[0]));
		long firstId = Long.parseLong(args[1]);
		int shortJobs = Integer.parseInt(args[2]);
		int longJobs = Integer.parseInt(args[3]);
		var launcher = new SlurmLauncher(SlurmProperties.devCluster(SlurmDevCluster.STATE, SlurmDevCluster.ACCOUNT));
		for (int i = 0; i < shortJobs + longJobs; i++) {
			int gpus = 1 + i % 3;
			var script = i < shortJobs ? "sleep 1" : "sleep 20";
			var spec = new JobSpec(firstId + i, "crash-" + i, script, 1, gpus, null, Duration.ofMinutes(5), null,
					Map.of());
			book.launched(new ChargeBook.Launched(spec.jobId(), launcher.submit(spec), gpus));
		}
		while (true) {
			book.reconcile(launcher);
			Thread.sleep(200);
		}
	}

}
