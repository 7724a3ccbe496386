package kr.aifellows.portal.fellows;

import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.MonthlyUsage;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * GPU usage of one month as an .xlsx workbook for the chair: one row per fellow, and
 * every settled job on a second sheet, streamed (SXSSF) so that a busy month does not
 * fill memory.
 */
@Component
public class UsageWorkbook {

	private static final int ROWS_IN_MEMORY = 200;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Seoul"));

	private static final List<String> FELLOW_COLUMNS = List.of("accountId", "email", "name", "jobs", "chargedHours",
			"overrunHours", "unbilledHours", "availableHours");

	private static final List<String> JOB_COLUMNS = List.of("jobId", "email", "jobName", "state", "gpus", "startedAt",
			"endedAt", "elapsedSeconds", "heldHours", "chargedHours", "overrunHours");

	private final GpuJobs jobs;

	private final GpuAllocations allocations;

	private final AccountManagement accounts;

	private final MessageSource messages;

	UsageWorkbook(GpuJobs jobs, GpuAllocations allocations, AccountManagement accounts, MessageSource messages) {
		this.jobs = jobs;
		this.allocations = allocations;
		this.accounts = accounts;
		this.messages = messages;
	}

	public void write(YearMonth month, Locale locale, OutputStream output) throws IOException {
		Map<Long, AccountView> fellows = new HashMap<>();
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
			workbook.setCompressTempFiles(true);
			CellStyle header = workbook.createCellStyle();
			Font bold = workbook.createFont();
			bold.setBold(true);
			header.setFont(bold);
			SXSSFSheet perFellow = sheet(workbook, "usage.sheet.fellows", FELLOW_COLUMNS, header, locale);
			int rowIndex = 1;
			for (MonthlyUsage usage : jobs.monthlyUsage(month, month)) {
				AccountView fellow = fellow(fellows, usage.accountId());
				Row row = perFellow.createRow(rowIndex++);
				row.createCell(0).setCellValue(usage.accountId());
				row.createCell(1).setCellValue(fellow == null ? "" : fellow.email());
				row.createCell(2).setCellValue(fellow == null ? "" : fellow.displayName());
				row.createCell(3).setCellValue(usage.jobs());
				row.createCell(4).setCellValue(hours(usage.chargedSeconds()));
				row.createCell(5).setCellValue(hours(usage.overrunSeconds()));
				row.createCell(6).setCellValue(hours(usage.unbilledSeconds()));
				row.createCell(7).setCellValue(hours(allocations.balance(usage.accountId()).available()));
			}
			SXSSFSheet perJob = sheet(workbook, "usage.sheet.jobs", JOB_COLUMNS, header, locale);
			int[] jobRow = { 1 };
			jobs.forEachSettledJob(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
					month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(), job -> {
						AccountView fellow = fellow(fellows, job.accountId());
						Row row = perJob.createRow(jobRow[0]++);
						row.createCell(0).setCellValue(job.id());
						row.createCell(1).setCellValue(fellow == null ? "#" + job.accountId() : fellow.email());
						row.createCell(2).setCellValue(job.name());
						row.createCell(3).setCellValue(messages.getMessage("job.state." + job.state(), null, locale));
						row.createCell(4).setCellValue(job.gpus());
						row.createCell(5).setCellValue(job.startedAt() == null ? "" : TIME.format(job.startedAt()));
						row.createCell(6).setCellValue(job.endedAt() == null ? "" : TIME.format(job.endedAt()));
						row.createCell(7).setCellValue(job.elapsedSeconds() == null ? 0 : job.elapsedSeconds());
						row.createCell(8).setCellValue(hours(job.holdSeconds()));
						row.createCell(9).setCellValue(hours(job.chargedSeconds() == null ? 0 : job.chargedSeconds()));
						row.createCell(10).setCellValue(hours(job.overrunSeconds() == null ? 0 : job.overrunSeconds()));
					});
			workbook.write(output);
		}
	}

	private SXSSFSheet sheet(SXSSFWorkbook workbook, String nameKey, List<String> columns, CellStyle header,
			Locale locale) {
		SXSSFSheet sheet = workbook.createSheet(messages.getMessage(nameKey, null, locale));
		Row headerRow = sheet.createRow(0);
		for (int i = 0; i < columns.size(); i++) {
			headerRow.createCell(i).setCellValue(messages.getMessage("usage.column." + columns.get(i), null, locale));
			headerRow.getCell(i).setCellStyle(header);
		}
		sheet.createFreezePane(0, 1);
		return sheet;
	}

	private AccountView fellow(Map<Long, AccountView> cache, long accountId) {
		return cache.computeIfAbsent(accountId, id -> accounts.findById(id).orElse(null));
	}

	static double hours(long gpuSeconds) {
		return Math.round(gpuSeconds / 36.0) / 100.0;
	}

}
