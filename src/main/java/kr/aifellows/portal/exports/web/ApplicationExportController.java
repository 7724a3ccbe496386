package kr.aifellows.portal.exports.web;

import java.util.Locale;

import kr.aifellows.portal.exports.ApplicationListWorkbook;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.CallCatalog;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

	ApplicationExportController(ApplicationListWorkbook workbook, CallCatalog calls) {
		this.workbook = workbook;
		this.calls = calls;
	}

	@GetMapping("/chair/calls/{id}/applications.xlsx")
	ResponseEntity<StreamingResponseBody> export(@PathVariable long id,
			@RequestParam(required = false) ApplicationStatus status, @RequestParam(required = false) ResearchArea area,
			@RequestParam(defaultValue = "false") boolean blind, Locale locale) {
		calls.find(id).orElseThrow(() -> new PortfolioException("call.notFound"));
		String name = "applications-call-" + id + (blind ? "-blind" : "") + ".xlsx";
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(output -> workbook.write(id, status, area, blind, locale, output));
	}
}
