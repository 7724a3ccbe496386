package kr.aifellows.portal.portfolios;

import java.io.Serializable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.privacy.PrivacyRequests;
import kr.aifellows.portal.privacy.PrivacyRequests.Kind;
import kr.aifellows.portal.privacy.PrivacyRequests.RequestView;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections of submitted applications by the committee, each made under an applicant's
 * open correction request (개인정보 정정) and recorded as such: which fields, under which
 * request, by whom and when (in the application's correction list and the audit log), and
 * as a change in the access records. Drafts are the applicant's own to change.
 */
@Service
public class ApplicationCorrections {

	private static final String INSERT = """
			insert into application_corrections (application_id, request_id, fields, corrected_by, corrected_at)
			values (:application, :request, :fields, :correctedBy, :correctedAt)""";

	private static final String OF_APPLICATION = """
			select application_id, request_id, fields, corrected_by, corrected_at from application_corrections
			where application_id = :id order by corrected_at, id""";

	private static final String OF_REQUEST = """
			select application_id, request_id, fields, corrected_by, corrected_at from application_corrections
			where request_id = :id order by corrected_at, id""";

	private final ApplicationRepository applications;

	private final PrivacyRequests requests;

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final AccessRecords accessRecords;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ApplicationCorrections(ApplicationRepository applications, PrivacyRequests requests, JdbcClient jdbc,
			AuditLog auditLog, AccessRecords accessRecords, ApplicationEventPublisher events, Clock clock) {
		this.applications = applications;
		this.requests = requests;
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.accessRecords = accessRecords;
		this.events = events;
		this.clock = clock;
	}

	/** The correction request, which must exist and be a correction request. */
	@Transactional(readOnly = true)
	public RequestView request(long requestId) {
		return requests.find(requestId)
			.filter(request -> request.kind() == Kind.CORRECTION)
			.orElseThrow(() -> new PortfolioException("correction.requestNotFound"));
	}

	/** The requester's applications the committee may correct (all but drafts). */
	@Transactional(readOnly = true)
	public List<ApplicationView> correctable(RequestView request) {
		return applications.findByApplicantAccountIdOrderByCreatedAtDesc(request.accountId())
			.stream()
			.filter(application -> application.status() != ApplicationStatus.DRAFT && !application.destroyed())
			.map(application -> application.toView(List.of()))
			.toList();
	}

	/** One of the requester's applications that the committee may correct. */
	@Transactional(readOnly = true)
	public ApplicationView correctable(RequestView request, long applicationId) {
		return correctable(request).stream()
			.filter(application -> application.id() == applicationId)
			.findFirst()
			.orElseThrow(() -> new PortfolioException("application.notFound"));
	}

	/**
	 * Corrects the profile of one of the requester's applications under their open
	 * request.
	 * @return the correction as recorded
	 * @throws PortfolioException when the request is answered already, the application is
	 * not the requester's or is a draft, or nothing would change
	 */
	@Transactional
	public Correction correctProfile(long requestId, long applicationId, Profile corrected, String correctedBy) {
		RequestView request = request(requestId);
		if (request.answeredAt() != null) {
			throw new PortfolioException("correction.requestAnswered");
		}
		Application application = applications.findForUpdate(applicationId, request.accountId())
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		List<String> fields = changedFields(application.profile(), corrected);
		if (fields.isEmpty()) {
			throw new PortfolioException("correction.unchanged");
		}
		Instant now = Instant.now(clock);
		application.correctProfile(corrected, now);
		applications.save(application);
		Correction correction = new Correction(applicationId, requestId, fields, correctedBy, now);
		jdbc.sql(INSERT)
			.param("application", applicationId)
			.param("request", requestId)
			.param("fields", String.join(",", fields))
			.param("correctedBy", correctedBy)
			.param("correctedAt", Timestamp.from(now))
			.update();
		auditLog.record(correctedBy, "APPLICATION_CORRECTED", "application:" + applicationId,
				"privacy_request:" + requestId + " " + String.join(",", fields));
		accessRecords.record(correctedBy, request.accountId(), AccessAction.CHANGE,
				"application:" + applicationId + " correction:" + String.join(",", fields), null);
		events.publishEvent(
				new ApplicationUpdated(applicationId, application.callId(), request.accountId(), "correction", now));
		return correction;
	}

	/** The corrections made to an application, oldest first. */
	@Transactional(readOnly = true)
	public List<Correction> ofApplication(long applicationId) {
		return jdbc.sql(OF_APPLICATION).param("id", applicationId).query(ApplicationCorrections::correction).list();
	}

	/** The corrections made under a request, oldest first. */
	@Transactional(readOnly = true)
	public List<Correction> ofRequest(long requestId) {
		return jdbc.sql(OF_REQUEST).param("id", requestId).query(ApplicationCorrections::correction).list();
	}

	static List<String> changedFields(Profile before, Profile after) {
		List<String> fields = new ArrayList<>();
		if (!Objects.equals(before.nameKo(), after.nameKo())) {
			fields.add("nameKo");
		}
		if (!Objects.equals(before.nameRomanized(), after.nameRomanized())) {
			fields.add("nameRomanized");
		}
		if (!Objects.equals(before.orcid(), after.orcid())) {
			fields.add("orcid");
		}
		if (!before.areas().equals(after.areas())) {
			fields.add("areas");
		}
		if (!before.affiliations().equals(after.affiliations())) {
			fields.add("affiliations");
		}
		return fields;
	}

	private static Correction correction(ResultSet row, int n) throws SQLException {
		return new Correction(row.getLong("application_id"), row.getLong("request_id"),
				Arrays.asList(row.getString("fields").split(",")), row.getString("corrected_by"),
				row.getTimestamp("corrected_at").toInstant());
	}

	/**
	 * One correction: the profile fields it changed ({@code nameKo},
	 * {@code nameRomanized}, {@code orcid}, {@code areas}, {@code affiliations}), not
	 * their values.
	 */
	public record Correction(long applicationId, long requestId, List<String> fields, String correctedBy,
			Instant correctedAt) implements Serializable {

		public Correction {
			fields = List.copyOf(fields);
		}
	}

}
