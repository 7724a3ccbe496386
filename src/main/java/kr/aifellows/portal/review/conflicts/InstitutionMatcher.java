package kr.aifellows.portal.review.conflicts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the institutions named inside an affiliation as people write it: Korean or
 * English names, abbreviations and sub-units from the registry file
 * {@code review/institutions.tsv}, found inside a longer text ("Dept. of Computer
 * Science, KAIST", "서울대학교 AI연구원"), across case, punctuation, spacing, accents and the
 * "Univ."/"대학교"/"대" variants; plus the spellings a chair merged. The longest name found
 * wins over names inside it ("Korea University of Technology and Education" is not "Korea
 * University"); an affiliation naming two institutions yields both. An institution not in
 * the registry is its normalised name without department and place parts. Immutable;
 * findings are cached per text.
 */
public final class InstitutionMatcher {

	/**
	 * An institution: its registry key (or {@code ~name} for one outside it) and how it
	 * is shown.
	 */
	public record Institution(String key, String label) {
	}

	/**
	 * One institution found in an affiliation: the institution, the registry name or
	 * merged spelling that matched, and the part of the affiliation it matched in.
	 */
	public record Found(Institution institution, String alias, String affiliation) {

		public boolean inRegistry() {
			return !institution.key().startsWith("~");
		}
	}

	/** The same institution found in two affiliations. */
	public record Shared(Found left, Found right) {
	}

	/** A spelling a chair merged into the institution that {@code target} stands for. */
	public record MergedSpelling(String spelling, String targetKey, String targetLabel) {
	}

	private record Alias(String text, String key, boolean latin, List<String> tokens, String compact, boolean merged,
			boolean main) {
	}

	private record Candidate(Alias alias, int start, int end) {
	}

	private static final String REGISTRY = "review/institutions.tsv";

	private static final Pattern TOKEN = Pattern
		.compile("[a-z0-9]+|[\\p{IsHangul}\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]+");

	private static final Map<String, String> EXPANSIONS = Map.ofEntries(Map.entry("univ", "university"),
			Map.entry("adv", "advanced"), Map.entry("inst", "institute"), Map.entry("natl", "national"),
			Map.entry("sci", "science"), Map.entry("tech", "technology"), Map.entry("dept", "department"),
			Map.entry("coll", "college"), Map.entry("ctr", "center"), Map.entry("centre", "center"),
			Map.entry("labs", "lab"), Map.entry("laboratory", "lab"), Map.entry("laboratories", "lab"),
			Map.entry("corporation", "corp"), Map.entry("co", "corp"), Map.entry("inc", "corp"),
			Map.entry("ltd", "corp"));

	private static final Set<String> STOPWORDS = Set.of("the", "of", "and", "at", "for", "in", "de", "a");

	private static final Set<String> DEPARTMENT_WORDS = Set.of("department", "division", "faculty", "school", "college",
			"lab", "center", "group", "program", "major", "team", "graduate", "dept");

	private static final List<String> HANGUL_DEPARTMENT_SUFFIXES = List.of("학과", "학부", "전공", "연구실", "대학원", "센터", "랩",
			"팀", "과");

	private static final Set<String> PLACES = Set.of("korea", "south", "republic", "rok", "seoul", "daejeon", "busan",
			"pohang", "ulsan", "gwangju", "daegu", "incheon", "suwon", "usa", "us", "uk", "대한민국", "한국", "서울", "대전",
			"부산", "서울특별시", "대전광역시", "corp");

	private static final Pattern SEGMENTS = Pattern.compile("[,;/|()\\[\\]·]");

	private static final List<Alias> BASE_ALIASES = new ArrayList<>();

	private static final Map<String, Institution> BASE_INSTITUTIONS = new LinkedHashMap<>();

	static {
		load();
	}

	private static final InstitutionMatcher REGISTRY_ONLY = new InstitutionMatcher(List.of());

	private final Map<String, Institution> institutions;

	private final Map<String, List<Alias>> latinByFirstToken = new HashMap<>();

	private final Map<Character, List<Alias>> otherByFirstChar = new HashMap<>();

	private final Map<String, String> remapped = new HashMap<>();

	private final Map<String, List<Found>> cache = new ConcurrentHashMap<>();

	/** The registry with the merged spellings on top of it. */
	public InstitutionMatcher(List<MergedSpelling> merged) {
		this.institutions = new LinkedHashMap<>(BASE_INSTITUTIONS);
		List<Alias> aliases = new ArrayList<>(BASE_ALIASES);
		for (MergedSpelling spelling : merged) {
			institutions.putIfAbsent(spelling.targetKey(),
					new Institution(spelling.targetKey(), spelling.targetLabel()));
			Alias alias = alias(spelling.spelling(), spelling.targetKey(), true, false);
			if (alias != null) {
				aliases.add(alias);
				// A merged spelling that is a registry name moves that whole institution.
				BASE_ALIASES.stream()
					.filter(a -> a.main() && a.compact().equals(alias.compact()))
					.findFirst()
					.ifPresent(a -> remapped.put(a.key(), spelling.targetKey()));
			}
		}
		for (Alias alias : aliases) {
			if (alias.latin()) {
				latinByFirstToken.computeIfAbsent(alias.tokens().get(0), k -> new ArrayList<>()).add(alias);
			}
			else {
				otherByFirstChar.computeIfAbsent(alias.compact().charAt(0), k -> new ArrayList<>()).add(alias);
			}
		}
	}

	/** The registry file alone, without merges. */
	public static InstitutionMatcher registryOnly() {
		return REGISTRY_ONLY;
	}

	/** How many institutions the registry file holds. */
	public static int registrySize() {
		return BASE_INSTITUTIONS.size();
	}

	/** The normalised form of a spelling, which merges are stored under. */
	public static String spellingKey(String text) {
		return String.join(" ", tokens(text == null ? "" : text));
	}

	/** The institutions an affiliation names; empty only for a blank text. */
	public List<Found> find(String affiliation) {
		if (affiliation == null || affiliation.isBlank()) {
			return List.of();
		}
		return cache.computeIfAbsent(affiliation, this::compute);
	}

	/** The first institution both affiliations name, if any. */
	public Optional<Shared> shared(String left, String right) {
		for (Found l : find(left)) {
			for (Found r : find(right)) {
				if (l.institution().key().equals(r.institution().key())) {
					return Optional.of(new Shared(l, r));
				}
			}
		}
		return Optional.empty();
	}

	private List<Found> compute(String affiliation) {
		List<String> tokens = tokens(affiliation);
		int[] offsets = new int[tokens.size() + 1];
		StringBuilder compact = new StringBuilder();
		for (int i = 0; i < tokens.size(); i++) {
			offsets[i] = compact.length();
			compact.append(tokens.get(i));
		}
		offsets[tokens.size()] = compact.length();
		List<Candidate> candidates = new ArrayList<>();
		for (int i = 0; i < tokens.size(); i++) {
			for (Alias alias : latinByFirstToken.getOrDefault(tokens.get(i), List.of())) {
				int n = alias.tokens().size();
				if (i + n <= tokens.size() && tokens.subList(i, i + n).equals(alias.tokens())) {
					candidates.add(new Candidate(alias, offsets[i], offsets[i + n]));
				}
			}
		}
		String text = compact.toString();
		for (int p = 0; p < text.length(); p++) {
			for (Alias alias : otherByFirstChar.getOrDefault(text.charAt(p), List.of())) {
				if (text.startsWith(alias.compact(), p)) {
					candidates.add(new Candidate(alias, p, p + alias.compact().length()));
				}
			}
		}
		candidates.sort(Comparator.comparingInt((Candidate c) -> c.start() - c.end())
			.thenComparing(c -> !c.alias().merged())
			.thenComparingInt(Candidate::start));
		List<Candidate> chosen = new ArrayList<>();
		for (Candidate candidate : candidates) {
			if (chosen.stream().noneMatch(c -> c.start() < candidate.end() && candidate.start() < c.end())) {
				chosen.add(candidate);
			}
		}
		chosen.sort(Comparator.comparingInt(Candidate::start));
		Map<String, Found> found = new LinkedHashMap<>();
		for (Candidate candidate : chosen) {
			Institution institution = institution(candidate.alias().key());
			found.putIfAbsent(institution.key(), new Found(institution, candidate.alias().text(), affiliation.strip()));
		}
		if (found.isEmpty()) {
			unknown(affiliation).forEach(f -> found.putIfAbsent(f.institution().key(), f));
		}
		return List.copyOf(found.values());
	}

	private Institution institution(String key) {
		String current = key;
		for (int hops = 0; hops < 8 && remapped.containsKey(current); hops++) {
			current = remapped.get(current);
		}
		return institutions.getOrDefault(current, new Institution(current, current.substring(1)));
	}

	/**
	 * Outside the registry: each part that is not a department or a place, by its
	 * normalised name.
	 */
	private List<Found> unknown(String affiliation) {
		List<Found> found = new ArrayList<>();
		for (String segment : SEGMENTS.split(affiliation)) {
			List<String> kept = new ArrayList<>();
			boolean department = false;
			for (String token : tokens(segment)) {
				if (DEPARTMENT_WORDS.contains(token)) {
					department = true;
				}
				else if (!isLatin(token) && HANGUL_DEPARTMENT_SUFFIXES.stream().anyMatch(token::endsWith)
						&& !token.endsWith("대학교")) {
					continue;
				}
				kept.add(token.replaceAll("대학교$|대학$", "대"));
			}
			if (!department && !kept.isEmpty() && !PLACES.containsAll(kept)) {
				found.add(unknownFound(String.join(" ", kept), segment.strip()));
			}
		}
		if (found.isEmpty()) {
			String all = spellingKey(affiliation);
			if (!all.isEmpty()) {
				found.add(unknownFound(all, affiliation.strip()));
			}
		}
		return found;
	}

	private Found unknownFound(String key, String text) {
		Institution institution = institution("~" + key);
		return new Found(institution, text, text);
	}

	static List<String> tokens(String text) {
		String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		s = Normalizer.normalize(Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", ""),
				Normalizer.Form.NFC);
		s = s.replaceAll("['’‘`ʼ]", "").replace("&", " and ").replace("+", "plus");
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(s);
		while (matcher.find()) {
			String token = matcher.group();
			if (isLatin(token)) {
				token = EXPANSIONS.getOrDefault(token, token);
				if (STOPWORDS.contains(token)) {
					continue;
				}
			}
			tokens.add(token);
		}
		return tokens;
	}

	private static boolean isLatin(String token) {
		return token.chars().allMatch(c -> c < 128);
	}

	private static Alias alias(String text, String key, boolean merged, boolean main) {
		List<String> tokens = tokens(text);
		if (tokens.isEmpty()) {
			return null;
		}
		boolean latin = tokens.stream().allMatch(InstitutionMatcher::isLatin);
		return new Alias(text, key, latin, List.copyOf(tokens), String.join("", tokens), merged, main);
	}

	private static void load() {
		try (InputStream in = Objects
			.requireNonNull(InstitutionMatcher.class.getClassLoader().getResourceAsStream(REGISTRY), REGISTRY);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank() && !line.startsWith("#")) {
					loadLine(line.split("\t", -1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void loadLine(String[] cells) {
		if (cells.length != 6) {
			throw new IllegalStateException(REGISTRY + ": 6 columns expected: " + String.join(" | ", cells));
		}
		boolean noShort = cells[0].endsWith("!");
		String key = cells[0].replace("!", "");
		List<String> korean = values(cells[2]);
		List<String> english = values(cells[3]);
		List<String> abbreviations = values(cells[4]);
		List<String> names = new ArrayList<>();
		for (String name : korean) {
			names.add(name);
			if (name.endsWith("대학교") && !noShort) {
				String stem = name.substring(0, name.length() - 3);
				names.add(stem + "대");
				names.add(stem + "대학");
			}
		}
		names.addAll(english);
		names.addAll(abbreviations);
		String shown = !abbreviations.isEmpty() ? abbreviations.get(0) : !english.isEmpty() ? english.get(0) : "";
		String label = korean.isEmpty() ? shown : shown.isEmpty() ? korean.get(0) : shown + " (" + korean.get(0) + ")";
		if (BASE_INSTITUTIONS.put(key, new Institution(key, label)) != null) {
			throw new IllegalStateException(REGISTRY + ": duplicate key " + key);
		}
		names.stream().map(name -> alias(name, key, false, true)).filter(Objects::nonNull).forEach(BASE_ALIASES::add);
		values(cells[5]).stream()
			.map(name -> alias(name, key, false, false))
			.filter(Objects::nonNull)
			.forEach(BASE_ALIASES::add);
	}

	private static List<String> values(String cell) {
		if (cell.isBlank() || cell.strip().equals("-")) {
			return List.of();
		}
		return Arrays.stream(cell.split("\\|")).map(String::strip).filter(v -> !v.isEmpty()).toList();
	}

}
