package kr.aifellows.portal.system.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.MailOutbox;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class AdminController {

	private static final int PAGE_SIZE = 50;

	private final AuditLog auditLog;

	private final MailOutbox outbox;

	private final MessageSource messages;

	AdminController(AuditLog auditLog, MailOutbox outbox, MessageSource messages) {
		this.auditLog = auditLog;
		this.outbox = outbox;
		this.messages = messages;
	}

	@GetMapping("/admin")
	String dashboard(Model model) {
		model.addAttribute("recentAudit", auditLog.search("", "", PageRequest.of(0, 10)).getContent());
		model.addAttribute("recentMail", outbox.recent(PageRequest.of(0, 5)).getContent());
		return "system/admin";
	}

	@GetMapping("/admin/audit")
	String audit(@ModelAttribute("filter") AuditFilterForm filter, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("actions", auditLog.actions());
		model.addAttribute("entries", auditLog.search(filter.toFilter(), PageRequest.of(Math.max(page, 0), PAGE_SIZE)));
		return "system/audit";
	}

	/**
	 * The filtered log as CSV (UTF-8 with a byte-order mark, so that Excel reads Korean),
	 * newest first.
	 */
	@GetMapping(path = "/admin/audit.csv", produces = "text/csv;charset=UTF-8")
	void auditCsv(@ModelAttribute("filter") AuditFilterForm filter, Locale locale, HttpServletResponse response)
			throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("audit-log.csv", StandardCharsets.UTF_8).build().toString());
		new AuditCsv(messages, locale).write(filter.toFilter(), auditLog, response.getWriter());
	}

	@GetMapping("/admin/outbox")
	String outbox(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("messages", outbox.recent(PageRequest.of(Math.max(page, 0), 20)));
		return "system/outbox";
	}

}
