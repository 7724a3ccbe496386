package kr.aifellows.portal.portfolios;

import java.io.Serializable;
import java.io.StringReader;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jbibtex.LaTeXParser;
import org.jbibtex.LaTeXPrinter;
import org.jbibtex.ParseException;
import org.jbibtex.Value;

import org.springframework.stereotype.Component;

/**
 * Turns pasted BibTeX into publications with jbibtex. Entries are read one by one, so a
 * bad entry is reported (by its key or position) and the good ones are kept.
 */
@Component
public class BibtexImporter {

	static final int MAX_INPUT_LENGTH = 200_000;

	public ImportResult parse(String bibtex) {
		if (bibtex == null || bibtex.isBlank()) {
			return new ImportResult(List.of(), List.of(new ImportProblem("—", "bibtex.empty")));
		}
		if (bibtex.length() > MAX_INPUT_LENGTH) {
			return new ImportResult(List.of(), List.of(new ImportProblem("—", "bibtex.tooLong")));
		}
		List<Publication> publications = new ArrayList<>();
		List<ImportProblem> problems = new ArrayList<>();
		List<String> chunks = splitEntries(bibtex);
		for (int i = 0; i < chunks.size(); i++) {
			String chunk = chunks.get(i);
			String label = keyOf(chunk, i + 1);
			try {
				BibTeXDatabase database = new BibTeXParser().parse(new StringReader(chunk));
				Map<Key, BibTeXEntry> entries = database.getEntries();
				if (entries.isEmpty()) {
					problems.add(new ImportProblem(label, "bibtex.unreadable"));
					continue;
				}
				for (BibTeXEntry entry : entries.values()) {
					toPublication(entry, label, publications, problems);
				}
			}
			catch (ParseException | RuntimeException ex) {
				problems.add(new ImportProblem(label, "bibtex.unreadable"));
			}
		}
		return new ImportResult(publications, problems);
	}

	private static void toPublication(BibTeXEntry entry, String label, List<Publication> publications,
			List<ImportProblem> problems) {
		String title = field(entry, BibTeXEntry.KEY_TITLE);
		String authors = field(entry, BibTeXEntry.KEY_AUTHOR);
		String yearText = field(entry, BibTeXEntry.KEY_YEAR);
		if (title == null || title.isBlank()) {
			problems.add(new ImportProblem(label, "bibtex.noTitle"));
			return;
		}
		if (authors == null || authors.isBlank()) {
			problems.add(new ImportProblem(label, "bibtex.noAuthors"));
			return;
		}
		int year;
		try {
			year = Integer.parseInt(yearText == null ? "" : yearText.strip());
		}
		catch (NumberFormatException ex) {
			problems.add(new ImportProblem(label, "bibtex.badYear"));
			return;
		}
		if (year < 1950 || year > Year.now().getValue() + 1) {
			problems.add(new ImportProblem(label, "bibtex.badYear"));
			return;
		}
		String venue = firstNonBlank(field(entry, BibTeXEntry.KEY_JOURNAL), field(entry, BibTeXEntry.KEY_BOOKTITLE),
				field(entry, BibTeXEntry.KEY_PUBLISHER));
		String rawDoi = field(entry, BibTeXEntry.KEY_DOI);
		String doi = Identifiers.normalizeDoi(rawDoi);
		if (rawDoi != null && !rawDoi.isBlank() && doi == null) {
			problems.add(new ImportProblem(label, "bibtex.badDoi"));
			return;
		}
		String rawArxiv = firstNonBlank(field(entry, new Key("eprint")), field(entry, new Key("arxiv")));
		String arxiv = Identifiers.normalizeArxiv(rawArxiv);
		publications.add(Publication.of(clean(title), venue == null ? null : clean(venue), year, splitAuthors(authors),
				doi, arxiv));
	}

	private static List<String> splitAuthors(String authors) {
		return Arrays.stream(authors.split("\\s+and\\s+"))
			.map(BibtexImporter::clean)
			.map(BibtexImporter::toGivenFamily)
			.filter(name -> !name.isBlank())
			.toList();
	}

	/** "Family, Given" becomes "Given Family", as written on the paper. */
	private static String toGivenFamily(String name) {
		int comma = name.indexOf(',');
		return comma < 0 ? name : (name.substring(comma + 1).strip() + " " + name.substring(0, comma).strip()).strip();
	}

	private static String field(BibTeXEntry entry, Key key) {
		Value value = entry.getField(key);
		if (value == null) {
			return null;
		}
		String text = value.toUserString();
		try {
			return new LaTeXPrinter().print(new LaTeXParser().parse(text));
		}
		catch (ParseException | RuntimeException ex) {
			return text;
		}
	}

	private static String clean(String text) {
		return text.replace("{", "").replace("}", "").replaceAll("\\s+", " ").strip();
	}

	private static String firstNonBlank(String... values) {
		return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
	}

	/**
	 * Splits the input at each '@' that starts an entry, so one broken entry spoils
	 * nothing else.
	 */
	private static List<String> splitEntries(String bibtex) {
		List<String> chunks = new ArrayList<>();
		int start = -1;
		for (int i = 0; i < bibtex.length(); i++) {
			if (bibtex.charAt(i) == '@' && (i == 0 || bibtex.charAt(i - 1) == '\n' || start < 0)) {
				if (start >= 0) {
					chunks.add(bibtex.substring(start, i));
				}
				start = i;
			}
		}
		if (start >= 0) {
			chunks.add(bibtex.substring(start));
		}
		return chunks.stream().filter(chunk -> !chunk.isBlank()).toList();
	}

	private static String keyOf(String chunk, int position) {
		int brace = chunk.indexOf('{');
		int comma = chunk.indexOf(',');
		if (brace >= 0 && comma > brace) {
			String key = chunk.substring(brace + 1, comma).strip();
			if (!key.isEmpty() && key.length() < 100) {
				return key;
			}
		}
		return "#" + position;
	}

	/**
	 * What an import brought: the publications read and a problem per entry that was not.
	 */
	public record ImportResult(List<Publication> publications, List<ImportProblem> problems) {
	}

	/**
	 * @param entry the entry's key, or its position when it has none
	 * @param code the message code of what is wrong
	 */
	public record ImportProblem(String entry, String code) implements Serializable {
	}

}
