package kr.aifellows.portal.portfolios;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.files.ApplicationFileRepository;

/**
 * How {@link Portfolios} finds an applicant's own application (never another's), checks
 * that it can still be edited, and reads it with its files.
 */
record OwnedApplications(ApplicationRepository applications, ApplicationFileRepository files, CallCatalog callCatalog,
		Clock clock) {

	Application get(long applicationId, long applicantAccountId) {
		return applications.findByIdAndApplicantAccountId(applicationId, applicantAccountId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
	}

	Application editable(long applicationId, long applicantAccountId) {
		Application application = applications.findForUpdate(applicationId, applicantAccountId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		application.requireDraft();
		if (now().isAfter(callCatalog.deadlineFor(application.callId(), applicantAccountId))) {
			throw new PortfolioException("application.deadlinePassed");
		}
		return application;
	}

	/**
	 * Saves a changed draft. No event: drafts are neither indexed nor conflict-checked,
	 * and each event costs its listeners' publication-registry transactions (the
	 * deadline-rush profile showed them as the largest share of database waits).
	 */
	ApplicationView updated(Application application) {
		return view(applications.save(application));
	}

	ApplicationView view(Application application) {
		return application.toView(attachedFiles(application));
	}

	List<ApplicationFileView> attachedFiles(Application application) {
		List<ApplicationFileView> attached = new ArrayList<>();
		if (application.id() != null) {
			files.findByApplicationIdOrderByKind(application.id()).forEach(file -> attached.add(file.toView()));
		}
		return attached;
	}

	/** The views of many applications, with their files read in one query. */
	List<ApplicationView> views(List<Application> applications) {
		Map<Long, List<ApplicationFileView>> attached = new HashMap<>();
		if (!applications.isEmpty()) {
			files.findByApplicationIdInOrderByKind(applications.stream().map(Application::id).toList())
				.forEach(file -> attached.computeIfAbsent(file.applicationId(), id -> new ArrayList<>())
					.add(file.toView()));
		}
		return applications.stream()
			.map(application -> application.toView(attached.getOrDefault(application.id(), new ArrayList<>())))
			.toList();
	}

	Instant now() {
		return Instant.now(clock);
	}

}
