package kr.aifellows.portal.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.shared.ResearchArea;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The list of a call's applications as an .xlsx workbook, written row by row (SXSSF keeps
 * only a small window of rows in memory), with headers in the viewer's language. The
 * blind variant leaves out every identifying column.
 */
@Component
public class ApplicationListWorkbook {

	private static final int ROWS_IN_MEMORY = 200;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Seoul"));

	private static final List<String> OPEN_COLUMNS = List.of("id", "receipt", "status", "nameKo", "nameRomanized",
			"email", "affiliation", "orcid", "areas", "proposalTitle", "gpuHours", "publications", "submittedAt");

	private static final List<String> BLIND_COLUMNS = List.of("id", "receipt", "status", "areas", "proposalTitle",
			"gpuHours", "publications", "submittedAt");

	private final ApplicationCatalog applications;

	private final MessageSource messages;

	ApplicationListWorkbook(ApplicationCatalog applications, MessageSource messages) {
		this.applications = applications;
		this.messages = messages;
	}

	public void write(long callId, ApplicationStatus status, ResearchArea area, boolean blind, Locale locale,
			OutputStream output) throws IOException {
		List<String> columns = blind ? BLIND_COLUMNS : OPEN_COLUMNS;
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
			workbook.setCompressTempFiles(true);
			SXSSFSheet sheet = workbook.createSheet(messages.getMessage("export.sheet", null, locale));
			CellStyle header = workbook.createCellStyle();
			Font bold = workbook.createFont();
			bold.setBold(true);
			header.setFont(bold);
			Row headerRow = sheet.createRow(0);
			for (int i = 0; i < columns.size(); i++) {
				Cell cell = headerRow.createCell(i);
				cell.setCellValue(messages.getMessage("export.column." + columns.get(i), null, locale));
				cell.setCellStyle(header);
			}
			sheet.createFreezePane(0, 1);
			int[] rowIndex = { 1 };
			applications.forEach(callId, status, area, application -> {
				Row row = sheet.createRow(rowIndex[0]++);
				for (int i = 0; i < columns.size(); i++) {
					write(row.createCell(i), value(columns.get(i), application, locale));
				}
			});
			workbook.write(output);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private static void write(Cell cell, Object value) {
		if (value instanceof Number number) {
			cell.setCellValue(number.doubleValue());
		}
		else if (value != null) {
			cell.setCellValue(value.toString());
		}
	}

	private Object value(String column, ApplicationView application, Locale locale) {
		return switch (column) {
			case "id" -> application.id();
			case "receipt" -> application.receiptNumber();
			case "status" -> messages.getMessage("status." + application.status(), null, locale);
			case "nameKo" -> application.profile().nameKo();
			case "nameRomanized" -> application.profile().nameRomanized();
			case "email" -> application.applicantEmail();
			case "affiliation" -> application.profile()
				.affiliations()
				.stream()
				.filter(Affiliation::isCurrent)
				.map(Affiliation::institution)
				.collect(Collectors.joining("; "));
			case "orcid" -> application.profile().orcid();
			case "areas" -> application.profile()
				.areas()
				.stream()
				.sorted()
				.map(a -> a.label(locale))
				.collect(Collectors.joining("; "));
			case "proposalTitle" -> application.proposal().title();
			case "gpuHours" -> application.proposal().requestedGpuHours();
			case "publications" -> application.publications().size();
			case "submittedAt" -> application.submittedAt() == null ? null : TIME.format(application.submittedAt());
			default -> throw new IllegalArgumentException(column);
		};
	}

}
