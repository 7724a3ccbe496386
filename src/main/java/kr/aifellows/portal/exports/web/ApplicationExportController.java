package kr.aifellows.portal.exports.web;

import java.util.Locale;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.exports.ApplicationListWorkbook;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@Controller
class ApplicationExportController {

	private static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final ApplicationListWorkbook workbook;

	private final CallCatalog calls;

	private final AccessRecords accessRecords;

	ApplicationExportController(ApplicationListWorkbook workbook, CallCatalog calls, AccessRecords accessRecords) {
		this.workbook = workbook;
		this.calls = calls;
		this.accessRecords = accessRecords;
	}

	@GetMapping("/chair/calls/{id}/applications.xlsx")
	ResponseEntity<StreamingResponseBody> export(@PathVariable long id,
			@RequestParam(required = false) ApplicationStatus status, @RequestParam(required = false) ResearchArea area,
			@RequestParam(defaultValue = "false") boolean blind, @RequestParam(required = false) String reason,
			@AuthenticationPrincipal PortalUser chair, Locale locale) {
		calls.find(id).orElseThrow(() -> new PortfolioException("call.notFound"));
		// One entry for the whole list: its applicants are the call's (status, area) at
		// this time.
		accessRecords.record(chair.getUsername(), null, AccessAction.EXPORT, "call:" + id + " applications status="
				+ (status == null ? "all" : status) + " area=" + (area == null ? "all" : area) + " blind=" + blind,
				reason);
		String name = "applications-call-" + id + (blind ? "-blind" : "") + ".xlsx";
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(output -> workbook.write(id, status, area, blind, locale, output));
	}

}
