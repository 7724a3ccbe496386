package kr.aifellows.portal.gpu;

/** No such job for this fellow (another fellow's job is not found either). */
public class JobNotFoundException extends RuntimeException {

	public JobNotFoundException(long jobId) {
		super("No job " + jobId);
	}

}
