package kr.aifellows.portal.system;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

@Entity
@Immutable
@Table(name = "audit_log")
class AuditEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Instant occurredAt;

	private String actor;

	private String action;

	private String subject;

	@Column(columnDefinition = "text")
	private String detail;

	private String remoteAddress;

	protected AuditEntry() {
	}

	AuditLog.AuditEntryView toView() {
		return new AuditLog.AuditEntryView(id, occurredAt, actor, action, subject, detail, remoteAddress);
	}

}
