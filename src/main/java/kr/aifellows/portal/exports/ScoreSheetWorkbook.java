package kr.aifellows.portal.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import kr.aifellows.portal.review.decisions.ScoreSheet;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A call's score sheet as .xlsx, streamed row by row (SXSSF): applications with raw and
 * calibrated scores and decisions, individual reviews, reviewer statistics. The
 * anonymised sheet has no name or e-mail columns and no confidential comments.
 */
@Component
public class ScoreSheetWorkbook {

	private static final int ROWS_IN_MEMORY = 200;

	private final MessageSource messages;

	ScoreSheetWorkbook(MessageSource messages) {
		this.messages = messages;
	}

	public void write(ScoreSheet sheet, Locale locale, OutputStream output) throws IOException {
		write(sheet, (code) -> messages.getMessage(code, null, code, locale), output);
	}

	/**
	 * Writes the workbook with headers from {@code label} (a message code to text).
	 */
	public static void write(ScoreSheet sheet, Function<String, String> label, OutputStream output) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
			CellStyle header = workbook.createCellStyle();
			Font bold = workbook.createFont();
			bold.setBold(true);
			header.setFont(bold);
			CellStyle decimal = workbook.createCellStyle();
			decimal.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
			Styles styles = new Styles(header, decimal);
			writeApplications(workbook, sheet, label, styles);
			writeReviews(workbook, sheet, label, styles);
			writeReviewers(workbook, sheet, label, styles);
			workbook.write(output);
		}
	}

	private static void writeApplications(SXSSFWorkbook workbook, ScoreSheet sheet, Function<String, String> label,
			Styles styles) {
		List<String> applicationColumns = new ArrayList<>(List.of("application", "receipt"));
		if (!sheet.anonymised()) {
			applicationColumns.addAll(List.of("name", "email"));
		}
		applicationColumns.addAll(List.of("title", "reviews", "raw", "calibrated", "lower", "upper", "percentile",
				"disagreement", "decision", "gpuHours"));
		SXSSFSheet applications = workbook.createSheet(label.apply("export.scoreSheet.applications"));
		headerRow(applications,
				applicationColumns.stream().map(c -> label.apply("export.scoreSheet.column." + c)).toList(),
				styles.header());
		CellStyle decimal = styles.decimal();
		int r = 1;
		for (ScoreSheet.ApplicationLine line : sheet.applications()) {
			Row row = applications.createRow(r++);
			int c = 0;
			c = put(row, c, line.applicationId(), null);
			c = put(row, c, line.receipt(), null);
			if (!sheet.anonymised()) {
				c = put(row, c, line.name(), null);
				c = put(row, c, line.email(), null);
			}
			c = put(row, c, line.title(), null);
			c = put(row, c, line.reviews(), null);
			c = put(row, c, line.raw(), decimal);
			c = put(row, c, line.calibrated(), decimal);
			c = put(row, c, line.lower(), decimal);
			c = put(row, c, line.upper(), decimal);
			c = put(row, c, line.percentile(), decimal);
			c = put(row, c, line.disagreement(), decimal);
			c = put(row, c, line.decision() == null ? null : label.apply("review.outcome." + line.decision()), null);
			put(row, c, line.gpuHours(), null);
		}
	}

	private static void writeReviews(SXSSFWorkbook workbook, ScoreSheet sheet, Function<String, String> label,
			Styles styles) {
		List<String> reviewHeaders = new ArrayList<>(List.of(label.apply("export.scoreSheet.column.application"),
				label.apply("export.scoreSheet.column.reviewer"), label.apply("export.scoreSheet.column.status")));
		sheet.criteria().forEach(reviewHeaders::add);
		reviewHeaders.addAll(List.of(label.apply("export.scoreSheet.column.weighted"),
				label.apply("export.scoreSheet.column.confidence"), label.apply("review.form.toApplicant")));
		if (!sheet.anonymised()) {
			reviewHeaders.add(label.apply("review.form.confidential"));
		}
		SXSSFSheet reviews = workbook.createSheet(label.apply("export.scoreSheet.reviews"));
		headerRow(reviews, reviewHeaders, styles.header());
		int r = 1;
		for (ScoreSheet.ReviewLine line : sheet.reviews()) {
			Row row = reviews.createRow(r++);
			int c = 0;
			c = put(row, c, line.applicationId(), null);
			c = put(row, c, line.reviewer(), null);
			c = put(row, c, label.apply(line.submitted() ? "review.status.SUBMITTED" : "review.status.DRAFT"), null);
			for (int i = 0; i < sheet.criteria().size(); i++) {
				c = put(row, c, i < line.scores().size() ? line.scores().get(i) : null, null);
			}
			c = put(row, c, line.weighted(), styles.decimal());
			c = put(row, c, line.confidence(), null);
			c = put(row, c, line.commentsToApplicant(), null);
			if (!sheet.anonymised()) {
				put(row, c, line.confidentialComments(), null);
			}
		}
	}

	private static void writeReviewers(SXSSFWorkbook workbook, ScoreSheet sheet, Function<String, String> label,
			Styles styles) {
		SXSSFSheet reviewers = workbook.createSheet(label.apply("export.scoreSheet.reviewers"));
		headerRow(reviewers,
				List.of(label.apply("export.scoreSheet.column.reviewer"),
						label.apply("export.scoreSheet.column.reviews"), label.apply("export.scoreSheet.column.mean"),
						label.apply("export.scoreSheet.column.leniency")),
				styles.header());
		int r = 1;
		for (ScoreSheet.ReviewerLine line : sheet.reviewers()) {
			Row row = reviewers.createRow(r++);
			int c = put(row, 0, line.reviewer(), null);
			c = put(row, c, line.reviews(), null);
			c = put(row, c, line.mean(), styles.decimal());
			put(row, c, line.leniency(), styles.decimal());
		}
	}

	private static void headerRow(SXSSFSheet sheet, List<String> headers, CellStyle style) {
		Row row = sheet.createRow(0);
		for (int i = 0; i < headers.size(); i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(headers.get(i));
			cell.setCellStyle(style);
		}
		sheet.createFreezePane(0, 1);
	}

	private static int put(Row row, int column, Object value, CellStyle style) {
		Cell cell = row.createCell(column);
		if (value instanceof Number number) {
			cell.setCellValue(number.doubleValue());
			if (style != null) {
				cell.setCellStyle(style);
			}
		}
		else if (value != null) {
			String text = value.toString();
			// Excel caps a cell at 32,767 characters.
			cell.setCellValue(text.length() > 32_000 ? text.substring(0, 32_000) : text);
		}
		return column + 1;
	}

	private record Styles(CellStyle header, CellStyle decimal) {
	}

}
