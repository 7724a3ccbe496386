package kr.aifellows.portal.review.pool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.Identifiers;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.shared.ResearchArea;
import kr.aifellows.portal.system.BackgroundTasks;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Invites reviewers from an .xlsx sheet: columns name, e-mail, affiliations ("KAIST
 * 2018-2022; Naver 2022-", a missing end year meaning current), expertise areas (codes or
 * Korean or English labels, separated by ";" or ","), and optionally ORCID iD (any usual
 * form; a wrong check digit is refused) and romanised name; first row headers. Every good
 * row is invited; every bad row is reported with its row number. Large sheets run in the
 * background and report their progress through the database, so that any instance shows
 * it.
 */
@Service
public class ReviewerSheetImport {

	private static final Logger log = LoggerFactory.getLogger(ReviewerSheetImport.class);

	private static final Pattern AFFILIATION = Pattern
		.compile("^(.+?)[\\s,(]+((?:19|20)\\d{2})\\s*[-–~]\\s*((?:19|20)\\d{2})?\\s*\\)?$");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final int MAX_ROWS = 5_000;

	private static final String TASK = "reviewer-import";

	/** Rows between two progress reports to the database. */
	private static final int REPORT_EVERY = 20;

	private final ReviewerPool pool;

	private final BackgroundTasks tasks;

	ReviewerSheetImport(ReviewerPool pool, BackgroundTasks tasks) {
		this.pool = pool;
		this.tasks = tasks;
	}

	/**
	 * Starts an import in the background; its progress is then read by the returned id.
	 */
	public String start(byte[] xlsx, String chairEmail, Locale locale) {
		UUID id = tasks.start(TASK, 0, chairEmail).id();
		Progress progress = new Progress(id);
		Thread.ofVirtual().name("reviewer-import-" + id).start(() -> {
			try {
				run(xlsx, chairEmail, locale, progress);
			}
			catch (RuntimeException ex) {
				log.warn("Reviewer import {} failed", id, ex);
				progress.problems.add(new RowProblem(0, "reviewer.import.unreadable", ""));
				progress.done = true;
			}
			finally {
				progress.publish();
			}
		});
		return id.toString();
	}

	public Optional<ProgressView> progress(String id) {
		UUID task;
		try {
			task = UUID.fromString(id);
		}
		catch (IllegalArgumentException notAnId) {
			return Optional.empty();
		}
		return tasks.find(task).filter(found -> TASK.equals(found.kind())).map(ReviewerSheetImport::view);
	}

	/** Imports the whole sheet now (the background job runs this too). */
	public ProgressView importNow(byte[] xlsx, String chairEmail, Locale locale) {
		Progress progress = new Progress(null);
		run(xlsx, chairEmail, locale, progress);
		return progress.view();
	}

	private void run(byte[] xlsx, String chairEmail, Locale locale, Progress progress) {
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			DataFormatter formatter = new DataFormatter(Locale.ROOT);
			int last = Math.min(sheet.getLastRowNum(), MAX_ROWS);
			progress.total = Math.max(0, last);
			for (int r = 1; r <= last; r++) {
				Row row = sheet.getRow(r);
				int rowNumber = r + 1;
				if (row != null && !isBlank(row, formatter)) {
					importRow(row, rowNumber, formatter, chairEmail, locale, progress);
				}
				if (progress.processed.incrementAndGet() % REPORT_EVERY == 0) {
					progress.publish();
				}
			}
			if (sheet.getLastRowNum() > MAX_ROWS) {
				progress.problems.add(new RowProblem(MAX_ROWS + 2, "reviewer.import.tooManyRows", ""));
			}
		}
		catch (IOException | RuntimeException ex) {
			progress.problems.add(new RowProblem(0, "reviewer.import.unreadable", ""));
		}
		finally {
			progress.done = true;
		}
	}

	private void importRow(Row row, int rowNumber, DataFormatter formatter, String chairEmail, Locale locale,
			Progress progress) {
		String name = text(row.getCell(0), formatter);
		String email = text(row.getCell(1), formatter);
		if (name.isEmpty()) {
			progress.problems.add(new RowProblem(rowNumber, "reviewer.import.noName", email));
			return;
		}
		if (!EMAIL.matcher(email).matches()) {
			progress.problems.add(new RowProblem(rowNumber, "reviewer.import.badEmail", email));
			return;
		}
		List<Affiliation> affiliations = affiliations(text(row.getCell(2), formatter), rowNumber, progress);
		if (affiliations == null) {
			return;
		}
		Set<ResearchArea> areas = areas(text(row.getCell(3), formatter), rowNumber, progress);
		if (areas == null) {
			return;
		}
		String orcid = text(row.getCell(4), formatter);
		if (!orcid.isEmpty() && !Identifiers.isValidOrcid(orcid)) {
			progress.problems.add(new RowProblem(rowNumber, Identifiers.normalizeOrcid(orcid) == null
					? "reviewer.import.badOrcid" : "reviewer.import.orcidChecksum", orcid));
			return;
		}
		String romanized = text(row.getCell(5), formatter);
		try {
			pool.invite(new ReviewerPool.NewReviewer(name, email, affiliations, areas,
					orcid.isEmpty() ? null : Identifiers.normalizeOrcid(orcid), romanized.isEmpty() ? null : romanized),
					chairEmail, locale);
			progress.imported.incrementAndGet();
		}
		catch (ReviewException ex) {
			progress.problems.add(new RowProblem(rowNumber, ex.code(), email));
		}
		catch (RuntimeException ex) {
			progress.problems.add(new RowProblem(rowNumber, "reviewer.import.failed", email));
		}
	}

	// The affiliations of a cell, or null when one is malformed (the row's problem is
	// recorded).
	private static List<Affiliation> affiliations(String cell, int rowNumber, Progress progress) {
		List<Affiliation> affiliations = new ArrayList<>();
		for (String part : cell.split(";")) {
			if (part.isBlank()) {
				continue;
			}
			Matcher matcher = AFFILIATION.matcher(part.strip());
			if (!matcher.matches()) {
				progress.problems.add(new RowProblem(rowNumber, "reviewer.import.badAffiliation", part.strip()));
				return null;
			}
			Integer end = matcher.group(3) == null ? null : Integer.valueOf(matcher.group(3));
			int start = Integer.parseInt(matcher.group(2));
			if (end != null && end < start) {
				progress.problems.add(new RowProblem(rowNumber, "reviewer.import.badAffiliation", part.strip()));
				return null;
			}
			affiliations.add(new Affiliation(matcher.group(1).strip(), null, start, end));
		}
		return affiliations;
	}

	// The expertise areas of a cell, or null when one is unknown (the row's problem is
	// recorded).
	private static Set<ResearchArea> areas(String cell, int rowNumber, Progress progress) {
		Set<ResearchArea> areas = EnumSet.noneOf(ResearchArea.class);
		for (String part : cell.split("[;,]")) {
			if (part.isBlank()) {
				continue;
			}
			Optional<ResearchArea> area = area(part.strip());
			if (area.isEmpty()) {
				progress.problems.add(new RowProblem(rowNumber, "reviewer.import.badArea", part.strip()));
				return null;
			}
			area.ifPresent(areas::add);
		}
		return areas;
	}

	static Optional<ResearchArea> area(String text) {
		for (ResearchArea area : ResearchArea.values()) {
			if (area.name().equalsIgnoreCase(text.replace(' ', '_')) || area.korean().equals(text)
					|| area.english().equalsIgnoreCase(text)) {
				return Optional.of(area);
			}
		}
		return Optional.empty();
	}

	private static boolean isBlank(Row row, DataFormatter formatter) {
		for (int c = 0; c < 6; c++) {
			if (!text(row.getCell(c), formatter).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static String text(Cell cell, DataFormatter formatter) {
		return cell == null ? "" : formatter.formatCellValue(cell).strip();
	}

	private static ProgressView view(BackgroundTasks.Task task) {
		// The result: the number of imported rows on the first line, then one line per
		// problem.
		List<String> lines = task.result() == null ? List.of() : task.result().lines().toList();
		int imported = lines.isEmpty() ? 0 : Integer.parseInt(lines.getFirst());
		List<RowProblem> problems = new ArrayList<>();
		for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
			String[] fields = line.split("\t", 3);
			problems.add(new RowProblem(Integer.parseInt(fields[0]), fields[1], unescape(fields[2])));
		}
		if (task.state() == BackgroundTasks.State.FAILED && problems.isEmpty()) {
			problems.add(new RowProblem(0, "reviewer.import.unreadable", ""));
		}
		return new ProgressView((int) task.total(), (int) task.done(), imported, List.copyOf(problems),
				!task.running());
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
	}

	private static String unescape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				out.append(switch (next) {
					case 't' -> '\t';
					case 'n' -> '\n';
					case 'r' -> '\r';
					default -> next;
				});
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * An import's counts while it runs; {@link #publish()} writes them to its background
	 * task.
	 */
	private final class Progress {

		private final UUID task;

		private volatile int total;

		private final AtomicInteger processed = new AtomicInteger();

		private final AtomicInteger imported = new AtomicInteger();

		private final List<RowProblem> problems = Collections.synchronizedList(new ArrayList<>());

		private volatile boolean done;

		Progress(UUID task) {
			this.task = task;
		}

		void publish() {
			if (task == null) {
				return;
			}
			ProgressView view = view();
			tasks.progress(task, view.processed(), view.total());
			if (!view.done()) {
				return;
			}
			StringBuilder result = new StringBuilder().append(view.imported()).append('\n');
			for (RowProblem problem : view.problems()) {
				result.append(problem.row())
					.append('\t')
					.append(problem.code())
					.append('\t')
					.append(escape(problem.value()))
					.append('\n');
			}
			tasks.finish(task, view.processed(), result.toString());
		}

		ProgressView view() {
			synchronized (problems) {
				return new ProgressView(total, processed.get(), imported.get(), List.copyOf(problems), done);
			}
		}

	}

	/**
	 * A row that was not imported: its number in the sheet (1 is the header row), the
	 * message code of the reason, and the value at fault.
	 */
	public record RowProblem(int row, String code, String value) {
	}

	/**
	 * Where an import stands.
	 */
	public record ProgressView(int total, int processed, int imported, List<RowProblem> problems, boolean done) {

		public int percent() {
			return total == 0 ? (done ? 100 : 0) : Math.min(100, processed * 100 / total);
		}
	}

}
