package kr.aifellows.portal.system;

import java.time.Clock;
import java.time.Instant;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit log of security and review events. Entries are never changed or
 * deleted; the database refuses it too.
 */
@Service
public class AuditLog {

	private final AuditEntryRepository entries;

	private final Clock clock;

	AuditLog(AuditEntryRepository entries, Clock clock) {
		this.entries = entries;
		this.clock = clock;
	}

	/**
	 * Records an event in its own transaction, so that a failed login or a rejected request
	 * whose business transaction rolls back still leaves its trace.
	 * @param actor who acted (an e-mail address), or {@code null} for an anonymous visitor
	 * @param action what happened, e.g. {@code LOGIN_FAILURE}
	 * @param subject what it happened to, e.g. the account concerned
	 * @param detail free text
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(String actor, String action, String subject, String detail) {
		entries.save(new AuditEntry(Instant.now(clock), StringUtils.hasText(actor) ? actor : "anonymous", action,
				subject, detail, currentRemoteAddress()));
	}

	@Transactional(readOnly = true)
	public Page<AuditEntryView> search(String action, String text, Pageable pageable) {
		String actionFilter = StringUtils.hasText(action) ? action.trim() : "";
		String textFilter = StringUtils.hasText(text) ? "%" + text.trim().toLowerCase() + "%" : "";
		return entries.search(actionFilter, textFilter, pageable).map(AuditEntry::toView);
	}

	private static String currentRemoteAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getRemoteAddr() : null;
	}

	/**
	 * One audit entry as shown to administrators.
	 */
	public record AuditEntryView(long id, Instant occurredAt, String actor, String action, String subject,
			String detail, String remoteAddress) {
	}
}
