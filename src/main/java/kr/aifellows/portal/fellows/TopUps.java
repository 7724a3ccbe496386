package kr.aifellows.portal.fellows;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import kr.aifellows.portal.gpu.Allocation;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.MailOutbox;
import kr.aifellows.portal.system.OutgoingMail;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Top-up requests: a fellow asks for more GPU hours with a justification; the chair
 * approves (a GRANT in the ledger, once per request) or rejects with a reason. The fellow
 * is told by e-mail either way.
 */
@Service
public class TopUps {

	private final JdbcClient jdbc;

	private final GpuAllocations allocations;

	private final MailOutbox mail;

	private final AuditLog audit;

	private final FellowsProperties properties;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	TopUps(DataSource dataSource, GpuAllocations allocations, MailOutbox mail, AuditLog audit,
			FellowsProperties properties, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = JdbcClient.create(dataSource);
		this.allocations = allocations;
		this.mail = mail;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	public TopUpRequest request(long accountId, String email, int gpuHours, String justification) {
		if (gpuHours < 1 || gpuHours > properties.maxTopUpHours()) {
			throw new FellowsException("topUp.hoursOutOfRange");
		}
		if (justification == null || justification.strip().length() < 20) {
			throw new FellowsException("topUp.justificationTooShort");
		}
		long id = jdbc.sql("""
				insert into fellow_top_up (account_id, email, gpu_hours, justification, status, created_at)
				values (?, ?, ?, ?, 'PENDING', ?) returning id""")
			.params(accountId, email, gpuHours, justification.strip(), Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		audit.record(email, "GPU_TOP_UP_REQUESTED", "top-up " + id, gpuHours + " h");
		return find(id).orElseThrow();
	}

	@Transactional
	public TopUpRequest approve(long id, String chairEmail) {
		TopUpRequest request = lockPending(id);
		Instant now = clock.instant();
		Allocation allocation = allocations.grant(request.accountId(), request.gpuHours() * 3600L, now,
				now.plus(properties.topUpValidity()), "TOP_UP", Long.toString(id), chairEmail);
		jdbc.sql("""
				update fellow_top_up set status = 'APPROVED', decided_at = ?, decided_by = ?, allocation_id = ?
				where id = ?""").params(Timestamp.from(now), chairEmail, allocation.id(), id).update();
		audit.record(chairEmail, "GPU_TOP_UP_APPROVED", "top-up " + id,
				request.gpuHours() + " h for " + request.email());
		mail.send(new OutgoingMail(request.email(), "[AI 국가대표 펠로십] GPU 시간 추가 요청 승인 / Top-up approved", """
				GPU 시간 %d시간 추가 요청이 승인되었습니다. %s까지 사용할 수 있습니다.

				Your request for %d more GPU hours was approved. They can be used until %s.
				""".formatted(request.gpuHours(), allocation.validUntil(), request.gpuHours(),
				allocation.validUntil())));
		events
			.publishEvent(new TopUpAnswered(id, request.accountId(), request.gpuHours(), TopUpRequest.Status.APPROVED));
		return find(id).orElseThrow();
	}

	@Transactional
	public TopUpRequest reject(long id, String reason, String chairEmail) {
		if (reason == null || reason.isBlank()) {
			throw new FellowsException("topUp.reasonRequired");
		}
		TopUpRequest request = lockPending(id);
		jdbc.sql("""
				update fellow_top_up set status = 'REJECTED', decided_at = ?, decided_by = ?, decision_reason = ?
				where id = ?""").params(Timestamp.from(clock.instant()), chairEmail, reason.strip(), id).update();
		audit.record(chairEmail, "GPU_TOP_UP_REJECTED", "top-up " + id, reason.strip());
		mail.send(new OutgoingMail(request.email(), "[AI 국가대표 펠로십] GPU 시간 추가 요청 반려 / Top-up rejected", """
				GPU 시간 %d시간 추가 요청이 반려되었습니다. 사유: %s

				Your request for %d more GPU hours was rejected. Reason: %s
				""".formatted(request.gpuHours(), reason.strip(), request.gpuHours(), reason.strip())));
		events
			.publishEvent(new TopUpAnswered(id, request.accountId(), request.gpuHours(), TopUpRequest.Status.REJECTED));
		return find(id).orElseThrow();
	}

	public List<TopUpRequest> pending() {
		return jdbc.sql("select * from fellow_top_up where status = 'PENDING' order by id").query(TopUps::topUp).list();
	}

	public List<TopUpRequest> ofFellow(long accountId) {
		return jdbc.sql("select * from fellow_top_up where account_id = ? order by id desc limit 50")
			.param(accountId)
			.query(TopUps::topUp)
			.list();
	}

	public Optional<TopUpRequest> find(long id) {
		return jdbc.sql("select * from fellow_top_up where id = ?").param(id).query(TopUps::topUp).optional();
	}

	private TopUpRequest lockPending(long id) {
		TopUpRequest request = jdbc.sql("select * from fellow_top_up where id = ? for update")
			.param(id)
			.query(TopUps::topUp)
			.optional()
			.orElseThrow(() -> new FellowsException("topUp.notFound"));
		if (request.status() != TopUpRequest.Status.PENDING) {
			throw new FellowsException("topUp.alreadyDecided");
		}
		return request;
	}

	private static TopUpRequest topUp(ResultSet rs, int row) throws SQLException {
		return new TopUpRequest(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
				rs.getInt("gpu_hours"), rs.getString("justification"),
				TopUpRequest.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant(),
				rs.getString("decided_by"), rs.getString("decision_reason"));
	}

}
