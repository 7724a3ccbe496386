package kr.aifellows.portal.portfolios;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What becomes of an applicant's applications when their account is deleted at their
 * request. What no committee has looked at (a draft, a withdrawn application, one in a
 * call still open to them) is destroyed now, as at the end of its retention. What was
 * reviewed is the record of a public selection and stays until the retention rule
 * destroys it ({@code portal.privacy.unselected-application-retention-years} after the
 * call closed); a selected one stays with the grant's records.
 */
@Service
public class ApplicantErasure {

	private final ApplicationRepository applications;

	private final CallCatalog calls;

	private final ApplicationRetention retention;

	private final Clock clock;

	ApplicantErasure(ApplicationRepository applications, CallCatalog calls, ApplicationRetention retention,
			Clock clock) {
		this.applications = applications;
		this.calls = calls;
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * What deleting the account would do to each of its applications, before anyone
	 * decides.
	 */
	@Transactional(readOnly = true)
	public List<Outcome> plan(long applicantAccountId) {
		Instant now = Instant.now(clock);
		return applications.findByApplicantAccountIdOrderByCreatedAtDesc(applicantAccountId)
			.stream()
			.map(application -> outcome(application, now))
			.toList();
	}

	/**
	 * Carries out the plan: destroys what is not kept.
	 * @return what was done to each application
	 */
	public List<Outcome> erase(long applicantAccountId) {
		List<Outcome> plan = plan(applicantAccountId);
		Instant now = Instant.now(clock);
		plan.stream()
			.filter(outcome -> outcome.fate() == Fate.DESTROYED_NOW)
			.forEach(outcome -> retention.destroyNow(outcome.applicationId(), now));
		return plan;
	}

	/**
	 * Destroys the applicant's selected applications, at the end of the fellow's records'
	 * retention (a selection outlives the review's retention, with the grant).
	 * @return how many were destroyed
	 */
	public int destroySelected(long applicantAccountId) {
		Instant now = Instant.now(clock);
		List<Long> selected = applications.findByApplicantAccountIdOrderByCreatedAtDesc(applicantAccountId)
			.stream()
			.filter(application -> application.status() == ApplicationStatus.SELECTED && !application.destroyed())
			.map(Application::id)
			.toList();
		selected.forEach(id -> retention.destroyNow(id, now));
		return selected.size();
	}

	private Outcome outcome(Application application, Instant now) {
		CallSummary call = calls.find(application.callId()).orElseThrow();
		String receipt = application.receiptNumber();
		if (application.destroyed()) {
			return new Outcome(application.id(), call.titleKo(), call.titleEn(), receipt, Fate.ALREADY_DESTROYED, null);
		}
		ApplicationStatus status = application.status();
		boolean stillOpen = now.isBefore(calls.deadlineFor(call.id(), application.applicantAccountId()));
		if (status == ApplicationStatus.DRAFT || status == ApplicationStatus.WITHDRAWN
				|| (stillOpen && status == ApplicationStatus.SUBMITTED)) {
			return new Outcome(application.id(), call.titleKo(), call.titleEn(), receipt, Fate.DESTROYED_NOW, null);
		}
		if (status == ApplicationStatus.SELECTED) {
			return new Outcome(application.id(), call.titleKo(), call.titleEn(), receipt, Fate.KEPT_WITH_GRANT, null);
		}
		return new Outcome(application.id(), call.titleKo(), call.titleEn(), receipt, Fate.KEPT_UNTIL,
				retention.keptUntil(call.closesAt()));
	}

	/**
	 * What happens to one application.
	 *
	 * @param keptUntil the last day it is kept, for {@link Fate#KEPT_UNTIL}
	 */
	public record Outcome(long applicationId, String callTitleKo, String callTitleEn, String receiptNumber, Fate fate,
			LocalDate keptUntil) {
	}

	/**
	 * Destroyed now, or kept and why.
	 */
	public enum Fate {

		DESTROYED_NOW, KEPT_UNTIL, KEPT_WITH_GRANT, ALREADY_DESTROYED

	}

}
