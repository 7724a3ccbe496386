package kr.aifellows.portal.portfolios;

/**
 * The research proposal and the GPU hours it asks for.
 */
public record Proposal(String title, String abstractText, String body, Long requestedGpuHours,
		String gpuJustification) {

	public static final int TITLE_MAX = 300;

	public static final int ABSTRACT_MAX = 2_000;

	public static final int BODY_MAX = 30_000;

	public static final int JUSTIFICATION_MAX = 300;

}
