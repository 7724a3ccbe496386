package kr.aifellows.portal.gpu;

/** Where a job is in its life. */
public enum JobState {

	QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT, LAUNCH_FAILED;

	public boolean isFinished() {
		return this != QUEUED && this != RUNNING;
	}

}
