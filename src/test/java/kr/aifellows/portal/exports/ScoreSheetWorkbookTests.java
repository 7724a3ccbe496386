package kr.aifellows.portal.exports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.review.decisions.ScoreSheet;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreSheetWorkbookTests {

	private static final ScoreSheet.ApplicationLine SCORED = new ScoreSheet.ApplicationLine(7, "AIF-2026-1-000007",
			"홍길동", "gildong@example.org", "Alignment, in Korean", 2, 65.0, 63.25, 55.5, 71.0, 80.0, 7.07, "SELECTED",
			5000L);

	private static final ScoreSheet.ApplicationLine UNSCORED = new ScoreSheet.ApplicationLine(8, "AIF-2026-1-000008",
			"김민수", "minsu@example.org", "Vision \"robustness\"", 0, null, null, null, null, null, null, null, null);

	@Test
	void theFullSheetOpensInLibreOfficeWithEveryValue() throws Exception {
		Map<String, List<List<String>>> sheets = LibreOffice.sheetsAsCsv(write(sheet(false)));

		assertThat(sheets).containsOnlyKeys("applications", "reviews", "reviewers");
		List<List<String>> applications = sheets.get("applications");
		assertThat(applications.get(0)).containsExactly("application", "receipt", "name", "email", "title", "reviews",
				"raw", "calibrated", "lower", "upper", "percentile", "disagreement", "decision", "gpuHours");
		assertThat(applications.get(1)).containsExactly("7", "AIF-2026-1-000007", "홍길동", "gildong@example.org",
				"Alignment, in Korean", "2", "65.00", "63.25", "55.50", "71.00", "80.00", "7.07",
				"review.outcome.SELECTED", "5000");
		assertThat(applications.get(2)).startsWith("8", "AIF-2026-1-000008", "김민수", "minsu@example.org",
				"Vision \"robustness\"", "0", "");
		assertThat(sheets.get("reviews").get(0)).containsExactly("application", "reviewer", "status", "Research",
				"Plan", "weighted", "confidence", "review.form.toApplicant", "review.form.confidential");
		assertThat(sheets.get("reviews").get(1)).containsExactly("7", "Jane Reviewer", "review.status.SUBMITTED", "4",
				"3", "65.00", "3", "Clear plan", "Strong candidate");
		assertThat(sheets.get("reviewers").get(1)).containsExactly("Jane Reviewer", "2", "65.00", "1.25");
	}

	@Test
	void theAnonymisedSheetHasNoNamesAddressesOrConfidentialComments() throws Exception {
		Map<String, List<List<String>>> sheets = LibreOffice.sheetsAsCsv(write(sheet(true)));

		String all = sheets.toString();
		assertThat(all).doesNotContain("홍길동", "gildong@example.org", "Jane Reviewer", "Strong candidate");
		assertThat(sheets.get("applications").get(1)).startsWith("7", "AIF-2026-1-000007", "Alignment, in Korean", "2",
				"65.00", "63.25");
		assertThat(sheets.get("reviews").get(1)).startsWith("7", "R1");
	}

	/**
	 * What applicants and reviewers typed is data in the workbook, never a formula, a
	 * link or markup that the chair's office suite would act on.
	 */
	@Test
	void typedTextThatLooksLikeAFormulaOrMarkupOpensAsThatText() throws Exception {
		List<String> payloads = List.of("=HYPERLINK(\"http://127.0.0.1/x\",\"click\")", "=1+1", "+1+1", "-1+1",
				"@SUM(1,1)", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
		List<ScoreSheet.ApplicationLine> lines = new ArrayList<>();
		for (int i = 0; i < payloads.size(); i++) {
			String payload = payloads.get(i);
			lines.add(new ScoreSheet.ApplicationLine(10 + i, "AIF-2026-1-0000" + (10 + i), payload, payload, payload, 1,
					50.0, 50.0, 40.0, 60.0, 50.0, 0.0, null, null));
		}
		List<ScoreSheet.ReviewLine> reviews = payloads.stream()
			.map(payload -> new ScoreSheet.ReviewLine(10 + payloads.indexOf(payload), payload, true, List.of(3, 3),
					50.0, 3, payload, payload))
			.toList();
		byte[] xlsx = write(new ScoreSheet(1, false, List.of("Research", "Plan"), lines, reviews,
				List.of(new ScoreSheet.ReviewerLine(payloads.getFirst(), 8, 50.0, 0.0))));

		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			for (Sheet sheet : workbook) {
				assertThat(sheet.getHyperlinkList()).as("links in %s", sheet.getSheetName()).isEmpty();
				for (Row row : sheet) {
					for (Cell cell : row) {
						assertThat(cell.getCellType()).as("%s!%s", sheet.getSheetName(), cell.getAddress())
							.isNotEqualTo(CellType.FORMULA);
					}
				}
			}
		}
		Map<String, List<List<String>>> sheets = LibreOffice.sheetsAsCsv(xlsx);
		for (int i = 0; i < payloads.size(); i++) {
			String payload = payloads.get(i);
			assertThat(sheets.get("applications").get(1 + i).subList(2, 5)).as("application row %s", i)
				.containsOnly(payload);
			assertThat(sheets.get("reviews").get(1 + i)).as("review row %s", i).contains(payload);
			assertThat(sheets.get("reviews").get(1 + i).subList(7, 9)).containsOnly(payload);
		}
		assertThat(sheets.get("reviewers").get(1).getFirst()).isEqualTo(payloads.getFirst());
	}

	private static byte[] write(ScoreSheet sheet) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ScoreSheetWorkbook.write(sheet,
				code -> code.startsWith("export.scoreSheet.") ? code.substring(code.lastIndexOf('.') + 1) : code, out);
		return out.toByteArray();
	}

	private static ScoreSheet sheet(boolean anonymised) {
		String reviewer = anonymised ? "R1" : "Jane Reviewer";
		return new ScoreSheet(1, anonymised, List.of("Research", "Plan"),
				List.of(anonymised ? strip(SCORED) : SCORED, anonymised ? strip(UNSCORED) : UNSCORED),
				List.of(new ScoreSheet.ReviewLine(7, reviewer, true, List.of(4, 3), 65.0, 3, "Clear plan",
						anonymised ? null : "Strong candidate")),
				List.of(new ScoreSheet.ReviewerLine(reviewer, 2, 65.0, 1.25)));
	}

	private static ScoreSheet.ApplicationLine strip(ScoreSheet.ApplicationLine line) {
		return new ScoreSheet.ApplicationLine(line.applicationId(), line.receipt(), null, null, line.title(),
				line.reviews(), line.raw(), line.calibrated(), line.lower(), line.upper(), line.percentile(),
				line.disagreement(), line.decision(), line.gpuHours());
	}

}
