package kr.aifellows.portal.exports.web;

import java.util.Locale;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.exports.ScoreSheetWorkbook;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.review.decisions.ScoreSheet;
import kr.aifellows.portal.review.decisions.ScoreSheets;

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
class ScoreSheetController {

	private static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final ScoreSheets sheets;

	private final ScoreSheetWorkbook workbook;

	private final AccessRecords accessRecords;

	ScoreSheetController(ScoreSheets sheets, ScoreSheetWorkbook workbook, AccessRecords accessRecords) {
		this.sheets = sheets;
		this.workbook = workbook;
		this.accessRecords = accessRecords;
	}

	@GetMapping("/chair/calls/{id}/score-sheet.xlsx")
	ResponseEntity<StreamingResponseBody> export(@PathVariable long id,
			@RequestParam(defaultValue = "false") boolean anonymised, @RequestParam(required = false) String reason,
			@AuthenticationPrincipal PortalUser user, Locale locale) {
		ScoreSheet sheet = sheets.forCall(id, anonymised, locale, user.getUsername());
		accessRecords.record(user.getUsername(), null, AccessAction.EXPORT,
				"call:" + id + " score-sheet anonymised=" + anonymised, reason);
		String name = "score-sheet-call-" + id + (anonymised ? "-anonymised" : "") + ".xlsx";
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(output -> workbook.write(sheet, locale, output));
	}

}
