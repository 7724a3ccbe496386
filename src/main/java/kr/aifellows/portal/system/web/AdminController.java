package kr.aifellows.portal.system.web;

import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.MailOutbox;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class AdminController {

	private static final int PAGE_SIZE = 50;

	private final AuditLog auditLog;

	private final MailOutbox outbox;

	AdminController(AuditLog auditLog, MailOutbox outbox) {
		this.auditLog = auditLog;
		this.outbox = outbox;
	}

	@GetMapping("/admin")
	String dashboard(Model model) {
		model.addAttribute("recentAudit", auditLog.search("", "", PageRequest.of(0, 10)).getContent());
		model.addAttribute("recentMail", outbox.recent(PageRequest.of(0, 5)).getContent());
		return "system/admin";
	}

	@GetMapping("/admin/audit")
	String audit(@RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("action", action);
		model.addAttribute("q", q);
		model.addAttribute("entries", auditLog.search(action, q, PageRequest.of(Math.max(page, 0), PAGE_SIZE)));
		return "system/audit";
	}

	@GetMapping("/admin/outbox")
	String outbox(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("messages", outbox.recent(PageRequest.of(Math.max(page, 0), 20)));
		return "system/outbox";
	}
}
