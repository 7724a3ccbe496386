package kr.aifellows.portal.portfolios.calls;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.blind.BlindLevel;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The calls for applications: what applicants see, and what chairs create, edit and
 * extend.
 */
@Service
public class CallCatalog {

	private static final List<ApplicationStatus> SUBMITTED_STATES = List.of(ApplicationStatus.SUBMITTED,
			ApplicationStatus.WITHDRAWN, ApplicationStatus.UNDER_REVIEW, ApplicationStatus.SELECTED,
			ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED);

	private final CallRepository calls;

	private final CallExtensionRepository extensions;

	private final AuditLog auditLog;

	private final Clock clock;

	CallCatalog(CallRepository calls, CallExtensionRepository extensions, AuditLog auditLog, Clock clock) {
		this.calls = calls;
		this.extensions = extensions;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<CallSummary> openCalls() {
		return calls.findOpenAt(Instant.now(clock)).stream().map(Call::toSummary).toList();
	}

	@Transactional(readOnly = true)
	public List<CallSummary> allCalls() {
		return calls.findAllByOrderByOpensAtDesc().stream().map(Call::toSummary).toList();
	}

	@Transactional(readOnly = true)
	public Optional<CallSummary> find(long callId) {
		return calls.findById(callId).map(Call::toSummary);
	}

	/**
	 * When the call opens, in the caller's transaction.
	 * @throws PortfolioException {@code call.notFound}
	 */
	public Instant opensAt(long callId) {
		return calls.findById(callId).map(Call::opensAt).orElseThrow(() -> new PortfolioException("call.notFound"));
	}

	/**
	 * The call's blind level ({@link BlindLevel#NAMES} without the call), in the caller's
	 * transaction.
	 */
	public BlindLevel blindLevel(long callId) {
		return calls.findById(callId).map(Call::blindLevel).orElse(BlindLevel.NAMES);
	}

	/**
	 * @return whether the call has (or had) submitted applications, which freezes its
	 * rubric
	 */
	@Transactional(readOnly = true)
	public boolean hasSubmissions(long callId) {
		return calls.countApplications(callId, SUBMITTED_STATES) > 0;
	}

	@Transactional
	public CallSummary create(CallDefinition definition, String chairEmail) {
		check(definition);
		Call call = calls.save(new Call(definition, chairEmail));
		auditLog.record(chairEmail, "CALL_CREATED", "call:" + call.id(), definition.titleKo());
		return call.toSummary();
	}

	/**
	 * @throws PortfolioException {@code call.rubricFrozen} when the rubric would change
	 * although applications were submitted; nothing is changed then
	 */
	@Transactional
	public CallSummary update(long callId, CallDefinition definition, String chairEmail) {
		check(definition);
		Call call = calls.findForUpdate(callId).orElseThrow(() -> new PortfolioException("call.notFound"));
		if (!definition.closesAt().equals(call.closesAt()) && hasSubmissions(callId)) {
			throw new PortfolioException("call.deadlineNeedsExtension");
		}
		if (call.update(definition, hasSubmissions(callId))) {
			throw new PortfolioException("call.rubricFrozen");
		}
		auditLog.record(chairEmail, "CALL_UPDATED", "call:" + callId, definition.titleKo());
		return call.toSummary();
	}

	/**
	 * Sets how much the call's blind review hides; reviewers see the change on their next
	 * page.
	 */
	@Transactional
	public CallSummary setBlindLevel(long callId, BlindLevel level, String chairEmail) {
		Call call = calls.findForUpdate(callId).orElseThrow(() -> new PortfolioException("call.notFound"));
		if (call.blindLevel(level)) {
			auditLog.record(chairEmail, "CALL_BLIND_LEVEL", "call:" + callId, String.valueOf(level));
		}
		return call.toSummary();
	}

	/**
	 * Copies a call (with its rubric) into a new version the chair can then change.
	 */
	@Transactional
	public CallSummary newVersion(long callId, String chairEmail) {
		Call call = calls.findById(callId).orElseThrow(() -> new PortfolioException("call.notFound"));
		Call next = calls.save(call.newVersion(chairEmail));
		auditLog.record(chairEmail, "CALL_NEW_VERSION", "call:" + next.id(), "from call:" + callId);
		return next.toSummary();
	}

	@Transactional
	public CallSummary extendDeadline(long callId, Instant newClosesAt, String reason, String chairEmail) {
		requireReason(reason);
		Call call = calls.findForUpdate(callId).orElseThrow(() -> new PortfolioException("call.notFound"));
		Instant previous = call.closesAt();
		if (!newClosesAt.isAfter(previous)) {
			throw new PortfolioException("call.extensionNotLater");
		}
		call.extendDeadline(newClosesAt);
		auditLog.record(chairEmail, "DEADLINE_EXTENDED", "call:" + callId,
				previous + " -> " + newClosesAt + ": " + reason.strip());
		return call.toSummary();
	}

	@Transactional
	public void grantExtension(long callId, long applicantAccountId, Instant closesAt, String reason,
			String chairEmail) {
		requireReason(reason);
		Call call = calls.findById(callId).orElseThrow(() -> new PortfolioException("call.notFound"));
		if (!closesAt.isAfter(call.closesAt())) {
			throw new PortfolioException("call.extensionNotLater");
		}
		Instant now = Instant.now(clock);
		extensions.findByCallIdAndApplicantAccountId(callId, applicantAccountId)
			.ifPresentOrElse(existing -> existing.change(closesAt, reason.strip(), chairEmail, now), () -> extensions
				.save(new CallExtension(callId, applicantAccountId, closesAt, reason.strip(), chairEmail, now)));
		auditLog.record(chairEmail, "EXTENSION_GRANTED", "call:" + callId + " applicant:" + applicantAccountId,
				closesAt + ": " + reason.strip());
	}

	/**
	 * @return the deadline that applies to one applicant: the call's, or their
	 * extension's
	 */
	@Transactional(readOnly = true)
	public Instant deadlineFor(long callId, long applicantAccountId) {
		Call call = calls.findById(callId).orElseThrow(() -> new PortfolioException("call.notFound"));
		return extensions.findByCallIdAndApplicantAccountId(callId, applicantAccountId)
			.map(CallExtension::closesAt)
			.filter(extended -> extended.isAfter(call.closesAt()))
			.orElse(call.closesAt());
	}

	private static void check(CallDefinition definition) {
		if (!definition.closesAt().isAfter(definition.opensAt())) {
			throw new PortfolioException("call.closesBeforeOpening");
		}
		if (definition.criteria().isEmpty()) {
			throw new PortfolioException("call.noCriteria");
		}
	}

	private static void requireReason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new PortfolioException("call.reasonRequired");
		}
	}

}
