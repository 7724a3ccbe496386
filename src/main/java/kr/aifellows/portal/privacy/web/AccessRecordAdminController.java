package kr.aifellows.portal.privacy.web;

import java.security.Principal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;

import kr.aifellows.portal.privacy.AccessRecordReview;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The privacy officer's (and administrators') monthly review of the access records: the
 * month's entries with filters, what deserves a look, the mark that the month was
 * reviewed, and the check of the hash chain.
 */
@Controller
class AccessRecordAdminController {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static final int LIMIT = 500;

	private final AccessRecords records;

	private final AccessRecordReview review;

	private final AuditLog auditLog;

	private final Clock clock;

	AccessRecordAdminController(AccessRecords records, AccessRecordReview review, AuditLog auditLog, Clock clock) {
		this.records = records;
		this.review = review;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@GetMapping("/admin/access-records")
	String month(@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month,
			@RequestParam(required = false) String actor, @RequestParam(required = false) Long applicant, Model model) {
		YearMonth shown = month == null ? YearMonth.now(clock.withZone(SEOUL)) : month;
		model.addAttribute("month", shown);
		model.addAttribute("actor", actor);
		model.addAttribute("applicant", applicant);
		model.addAttribute("limit", LIMIT);
		model.addAttribute("records", records.search(shown.atDay(1).atStartOfDay(SEOUL).toInstant(),
				shown.plusMonths(1).atDay(1).atStartOfDay(SEOUL).toInstant(), actor, applicant, LIMIT));
		model.addAttribute("highlights", review.highlights(shown));
		model.addAttribute("reviewed", review.reviewed(shown).orElse(null));
		return "privacy/access-records";
	}

	@PostMapping("/admin/access-records/reviewed")
	String markReviewed(@RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth month,
			@RequestParam(required = false) String note, Principal user, RedirectAttributes redirect) {
		review.markReviewed(month, user.getName(), note);
		redirect.addAttribute("month", month.toString());
		return "redirect:/admin/access-records";
	}

	@PostMapping("/admin/access-records/verify")
	String verify(Principal user, Model model) {
		AccessRecords.Verification result = records.verify();
		auditLog.record(user.getName(), "ACCESS_RECORDS_VERIFIED", "access_records",
				result.intact() ? "intact, " + result.checked() + " entries" : "broken at " + result.firstBrokenId());
		model.addAttribute("verification", result);
		return month(null, null, null, model);
	}

}
