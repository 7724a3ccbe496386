package kr.aifellows.portal.system.web;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.AuditLog.AuditEntryView;
import kr.aifellows.portal.system.AuditLog.AuditFilter;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/**
 * Writes the audit log as CSV in the page's language. Cells that a spreadsheet would take
 * for a formula are prefixed with an apostrophe: the log holds text that users typed.
 */
final class AuditCsv {

	/**
	 * A download is for reading, not a backup: beyond this the filter should be narrower.
	 */
	static final int MAX_ROWS = 100_000;

	private static final int BATCH = 1_000;

	private static final DateTimeFormatter SEOUL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Seoul"));

	private final MessageSource messages;

	private final Locale locale;

	AuditCsv(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
	}

	void write(AuditFilter filter, AuditLog log, PrintWriter out) {
		out.write('\uFEFF');
		line(out,
				Stream
					.of("audit.when", "audit.actor", "audit.action", "audit.actionCode", "audit.subject",
							"audit.detail", "audit.address")
					.map(this::message)
					.toList());
		int written = 0;
		for (int page = 0; written < MAX_ROWS; page++) {
			Page<AuditEntryView> batch = log.search(filter, PageRequest.of(page, BATCH));
			for (AuditEntryView entry : batch) {
				line(out,
						List.of(SEOUL_TIME.format(entry.occurredAt()), entry.actor(), actionLabel(entry.action()),
								entry.action(), nullToEmpty(entry.subject()), nullToEmpty(entry.detail()),
								nullToEmpty(entry.shownAddress())));
				written++;
			}
			if (!batch.hasNext()) {
				break;
			}
		}
		out.flush();
	}

	private String actionLabel(String action) {
		return messages.getMessage("audit.action." + action, null, action, locale);
	}

	private String message(String code) {
		return messages.getMessage(code, null, code, locale);
	}

	private static void line(PrintWriter out, List<String> cells) {
		out.write(cells.stream().map(AuditCsv::cell).collect(Collectors.joining(",")));
		out.write("\r\n");
	}

	static String cell(String value) {
		String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

}
