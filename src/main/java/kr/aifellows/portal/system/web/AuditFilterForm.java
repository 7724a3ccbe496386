package kr.aifellows.portal.system.web;

import java.time.LocalDate;

import kr.aifellows.portal.system.AuditLog.AuditFilter;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The audit page's filter as the form sends it: who, what, when (Korea dates) and free
 * text.
 */
class AuditFilterForm {

	private String action = "";

	private String actor = "";

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate from;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate to;

	private String q = "";

	AuditFilter toFilter() {
		return new AuditFilter(action, actor, from, to, q);
	}

	public String getAction() {
		return action;
	}

	public void setAction(String action) {
		this.action = action == null ? "" : action;
	}

	public String getActor() {
		return actor;
	}

	public void setActor(String actor) {
		this.actor = actor == null ? "" : actor;
	}

	public LocalDate getFrom() {
		return from;
	}

	public void setFrom(LocalDate from) {
		this.from = from;
	}

	public LocalDate getTo() {
		return to;
	}

	public void setTo(LocalDate to) {
		this.to = to;
	}

	public String getQ() {
		return q;
	}

	public void setQ(String q) {
		this.q = q == null ? "" : q;
	}

}
