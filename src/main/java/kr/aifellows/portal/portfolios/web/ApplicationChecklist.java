package kr.aifellows.portal.portfolios.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.portfolios.ApplicationView;

/**
 * Where a draft stands, section by section: what each section still needs before submit
 * (each missing piece linked to its field), or how much an optional section holds. It
 * blocks nothing: only submit refuses an incomplete application.
 *
 * @param steps the sections in the order of the page
 * @param complete whether nothing is missing
 * @param remaining the time left until the deadline, or zero when it has passed
 */
record ApplicationChecklist(List<Step> steps, boolean complete, Duration remaining) {

	/** Each missing piece's section and the id of the field that fills it. */
	private static final Map<String, Place> PLACES = Map.of("submit.missing.names", new Place("profile", "nameKo"),
			"submit.missing.affiliation", new Place("profile", "affiliations0.institution"), "submit.missing.areas",
			new Place("profile", "profile"), "submit.invalid.orcid", new Place("profile", "orcid"),
			"submit.missing.proposal", new Place("proposal", "proposal-title"), "submit.missing.gpuHours",
			new Place("proposal", "requestedGpuHours"));

	static ApplicationChecklist of(ApplicationView application, List<String> problems, Instant deadline, Instant now) {
		List<Step> steps = new ArrayList<>();
		steps.add(required("profile", "section.profile", problems));
		steps.add(optional("publications", "section.publications", application.publications().size()));
		steps.add(optional("open-source", "section.openSource", application.openSource().size()));
		steps.add(required("proposal", "section.proposal", problems));
		steps.add(optional("exclusions", "exclusions.section", application.exclusions().size()));
		steps.add(required("files", "section.files", problems));
		Duration remaining = Duration.between(now, deadline);
		return new ApplicationChecklist(steps, problems.isEmpty(), remaining.isNegative() ? Duration.ZERO : remaining);
	}

	/** The id of the field that fills each missing piece, for a link to it. */
	static Map<String, String> anchors(List<String> problems) {
		Map<String, String> anchors = new LinkedHashMap<>();
		problems.forEach(problem -> anchors.put(problem, anchor(problem)));
		return anchors;
	}

	private static String anchor(String problem) {
		return place(problem).field();
	}

	private static Place place(String problem) {
		return PLACES.getOrDefault(problem,
				problem.startsWith("submit.missing.file.")
						? new Place("files", "upload-" + problem.substring("submit.missing.file.".length()))
						: new Place("profile", "profile"));
	}

	private static Step required(String section, String label, List<String> problems) {
		List<Missing> missing = problems.stream()
			.filter(problem -> place(problem).section().equals(section))
			.map(problem -> new Missing(problem, anchor(problem)))
			.toList();
		return new Step(section, label, missing.isEmpty() ? State.DONE : State.MISSING, missing, null);
	}

	private static Step optional(String section, String label, int count) {
		return new Step(section, label, State.OPTIONAL, List.of(), count);
	}

	public long remainingDays() {
		return remaining.toDays();
	}

	public int remainingHours() {
		return remaining.toHoursPart();
	}

	public int remainingMinutes() {
		return remaining.toMinutesPart();
	}

	enum State {

		DONE, MISSING, OPTIONAL

	}

	/**
	 * One section: its anchor on the page, its heading's message code, and what it still
	 * needs or (optional sections) how many entries it has.
	 */
	record Step(String section, String label, State state, List<Missing> missing, Integer count) {
	}

	/** A missing piece: its message code and the field that fills it. */
	record Missing(String code, String anchor) {
	}

	private record Place(String section, String field) {
	}

}
