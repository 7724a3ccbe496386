package kr.aifellows.portal.review.conflicts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether two written names can be the same person, across case, spacing,
 * hyphens, initials, titles, "Family, Given" order and Korean names written in Hangul or
 * romanised.
 * <p>
 * The rule: titles and honorifics are removed ("교수님", "박사", "Prof.", "Ph.D."), a name in
 * parentheses or after "/" is an alternative written form, and each form becomes one or
 * more readings {@code family|given}. Hangul names are split into a one-syllable family
 * name and the given name, and also into a compound surname ({@link #COMPOUND_SURNAMES})
 * and the rest when the name starts with one (황보라 is 황보 + 라 and 황 + 보라); syllables are
 * romanised with the Revised Romanisation. A romanised family name goes through a table
 * of the Revised Romanisation, McCune–Reischauer and the common spellings of Korean
 * surnames to every Hangul surname it can stand for (Lee, Yi, Rhee and I are all 이; Yoo
 * is 유 or 류, but 유 and 류 written in Hangul stay apart). Given names go through a phonetic
 * folding of the usual variants (oo/u, eo/u/ou, ee/i, ui/i, woo/u, k/g, t/d, p/b, ch/j,
 * r/l, sh/s, a final "h" after a vowel as in Tae-oh); McCune–Reischauer breves and
 * apostrophes are read (ŏ = eo, ŭ = eu, Ch'oe = Choe). Latin names are tried in both
 * orders. Two names match fully when they share a reading, and by initials when one given
 * name is only initials, the family names agree and the initials are those of the other's
 * given-name syllables or words.
 */
final class PersonNames {

	enum Match {

		FULL, INITIALS, NONE

	}

	/** The outcome with the two readings that agreed ({@code null} for no match). */
	record Explained(Match match, String left, String right) {
	}

	private static final Set<String> COMPOUND_SURNAMES = Set.of("남궁", "제갈", "선우", "황보", "독고", "사공", "서문");

	private static final String[] INITIALS = { "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj",
			"ch", "k", "t", "p", "h" };

	private static final String[] MEDIALS = { "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe",
			"yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i" };

	private static final String[] FINALS = { "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p",
			"l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t" };

	/** Words that are titles or honorifics, not names, in Korean and English. */
	private static final List<String> HANGUL_TITLES = List.of("박사후연구원", "책임연구원", "선임연구원", "수석연구원", "전임연구원", "연구원님",
			"명예교수", "석좌교수", "연구교수", "초빙교수", "겸임교수", "박사과정", "석사과정", "교수님", "선생님", "박사님", "부교수", "조교수", "정교수", "연구원",
			"교수", "박사", "선생", "학생", "님", "씨");

	private static final Pattern LATIN_TITLES = Pattern.compile(
			"(?i)(?<!\\p{L})(?:professor|prof|dr|mrs|mr|ms|miss|ph\\.?\\s?d|d\\.?\\s?phil|assoc|asst)\\.?(?!\\p{L})");

	private static final Pattern ALTERNATIVE = Pattern.compile("[(\\[（]([^)\\]）]*)[)\\]）]");

	// After the romanisation tables, which it uses.
	/**
	 * Romanisations of Korean surnames, each to every Hangul surname it can stand for.
	 */
	private static final Map<String, Set<String>> SURNAME_SPELLINGS = surnames();

	private PersonNames() {
	}

	static Match match(String a, String b) {
		return explain(a, b).match();
	}

	/**
	 * Whether some written form of one name is the same person as some form of the other.
	 */
	static boolean sameFull(String a, String b) {
		return match(a, b) == Match.FULL;
	}

	/** Matches like {@link #match} and says which reading of each name agreed. */
	static Explained explain(String a, String b) {
		if (blank(a) || blank(b)) {
			return new Explained(Match.NONE, null, null);
		}
		List<Key> left = keys(a);
		List<Key> right = keys(b);
		for (Key l : left) {
			for (Key r : right) {
				if (l.family().equals(r.family()) && l.given().equals(r.given()) && !l.given().isEmpty()) {
					return new Explained(Match.FULL, l.reading(), r.reading());
				}
			}
		}
		for (Key l : left) {
			for (Key r : right) {
				if (l.family().equals(r.family()) && initialsAgree(l, r)) {
					return new Explained(Match.INITIALS, l.reading(), r.reading());
				}
			}
		}
		return new Explained(Match.NONE, null, null);
	}

	private static boolean initialsAgree(Key l, Key r) {
		if (l.initialsOnly() == r.initialsOnly()) {
			return l.initialsOnly() && l.initials().equals(r.initials()) && !l.initials().isEmpty();
		}
		Key abbreviated = l.initialsOnly() ? l : r;
		Key full = l.initialsOnly() ? r : l;
		return !abbreviated.initials().isEmpty()
				&& (full.initials().equals(abbreviated.initials()) || full.initials().startsWith(abbreviated.initials())
						|| (abbreviated.initials().length() == 1 && full.given().startsWith(abbreviated.initials())));
	}

	/**
	 * One reading of a name: family name (Hangul where known), folded given name, the
	 * given name's initials, and the reading as the chair sees it ("황 + 보라").
	 */
	record Key(String family, String given, String initials, boolean initialsOnly, String reading) {
	}

	static List<Key> keys(String name) {
		String text = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
		List<String> forms = new ArrayList<>();
		Matcher alternative = ALTERNATIVE.matcher(text);
		while (alternative.find()) {
			forms.add(alternative.group(1));
		}
		forms.addAll(0, List.of(ALTERNATIVE.matcher(text).replaceAll(" ").split("/")));
		List<Key> keys = new ArrayList<>();
		for (String form : forms) {
			String stripped = stripTitles(form);
			if (!stripped.isEmpty()) {
				keys.addAll(keysOfOne(stripped));
			}
		}
		return keys;
	}

	/**
	 * The name without titles and honorifics: "배현석 교수님" is 배현석, "Prof. Dr. Kim, Ph.D." is
	 * Kim.
	 */
	static String stripTitles(String name) {
		String text = LATIN_TITLES.matcher(name).replaceAll(" ");
		List<String> words = new ArrayList<>();
		for (String word : text.strip().split("\\s+")) {
			if (!HANGUL_TITLES.contains(word.replaceAll("[,.]", ""))) {
				words.add(word);
			}
		}
		String joined = String.join(" ", words).replaceAll("^[\\s,.;]+|[\\s,;]+$", "");
		String compact = joined.replaceAll("\\s+", "");
		if (!compact.isEmpty() && compact.chars().allMatch(PersonNames::isHangulSyllable)) {
			boolean stripped = true;
			while (stripped) {
				stripped = false;
				for (String title : HANGUL_TITLES) {
					if (compact.endsWith(title) && compact.length() - title.length() >= 2) {
						compact = compact.substring(0, compact.length() - title.length());
						stripped = true;
						break;
					}
				}
			}
			return compact;
		}
		return joined;
	}

	private static List<Key> keysOfOne(String text) {
		List<Key> keys = new ArrayList<>();
		String compact = text.replaceAll("\\s+", "");
		if (compact.chars().allMatch(PersonNames::isHangulSyllable)) {
			if (compact.length() >= 3 && COMPOUND_SURNAMES.contains(compact.substring(0, 2))) {
				keys.add(hangulKey(compact, 2));
			}
			keys.add(hangulKey(compact, 1));
			return keys;
		}
		String lower = latin(text).toLowerCase(Locale.ROOT);
		int comma = lower.indexOf(',');
		if (comma >= 0) {
			List<String> words = new ArrayList<>(tokens(lower.substring(comma + 1)));
			words.addAll(tokens(lower.substring(0, comma)));
			if (!words.isEmpty()) {
				addKeys(keys, words, false);
			}
			return keys;
		}
		List<String> words = tokens(lower);
		if (words.isEmpty()) {
			return keys;
		}
		addKeys(keys, words, false);
		if (words.size() > 1) {
			addKeys(keys, words, true);
		}
		return keys;
	}

	private static Key hangulKey(String compact, int split) {
		String family = compact.substring(0, split);
		String given = compact.substring(split);
		List<String> syllables = given.codePoints().mapToObj(PersonNames::romanize).toList();
		// Folded as one word, like a romanised given name, so that "Tae-oh" and 태오 fold
		// alike.
		return new Key(family, fold(String.join("", syllables)), initialsOf(syllables), false, family + " + " + given);
	}

	/**
	 * McCune–Reischauer breves read as the Revised Romanisation spells them, other marks
	 * and apostrophes dropped.
	 */
	private static String latin(String text) {
		String s = text.replace("ŏ", "eo").replace("Ŏ", "Eo").replace("ŭ", "eu").replace("Ŭ", "Eu");
		s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return s.replaceAll("['’‘`ʼ]", "");
	}

	private static void addKeys(List<Key> keys, List<String> words, boolean familyFirst) {
		String family = familyFirst ? words.get(0) : words.get(words.size() - 1);
		List<String> given = familyFirst ? words.subList(1, words.size()) : words.subList(0, words.size() - 1);
		boolean initialsOnly = !given.isEmpty() && given.stream().allMatch(w -> w.length() == 1);
		// "Gil-dong" is one given name of two syllables: its initials are g and d;
		// "Tae-oh" is 태오.
		List<String> parts = given.stream()
			.flatMap(w -> Arrays.stream(w.split("-")))
			.filter(p -> !p.isEmpty())
			.map(p -> p.length() >= 2 ? p.replaceAll("([aeiou])h$", "$1") : p)
			.toList();
		String folded = initialsOnly ? "" : fold(String.join("", parts));
		String shownGiven = String.join(" ", given);
		for (String surname : surname(family)) {
			String reading = surname + " + " + shownGiven;
			keys.add(new Key(surname, folded, initialsOf(parts), initialsOnly, reading));
			if (!initialsOnly && parts.size() == 1 && parts.get(0).length() >= 4) {
				// "Gildong" written as one word: the syllable split is unknown, so its
				// first letter stands.
				keys.add(new Key(surname, folded, parts.get(0).substring(0, 1), false, reading));
			}
		}
	}

	private static List<String> tokens(String text) {
		List<String> words = new ArrayList<>();
		for (String word : text.replace('.', ' ').split("[\\s]+")) {
			String letters = word.replaceAll("[^\\p{L}-]", "").replaceAll("^-+|-+$", "");
			if (!letters.isEmpty()) {
				words.add(letters);
			}
		}
		return words;
	}

	private static String initialsOf(List<String> parts) {
		StringBuilder initials = new StringBuilder();
		parts.forEach(part -> {
			if (!part.isEmpty()) {
				// 우 is "u" in the Revised Romanisation and "Woo" as people write it: W.
				// is its initial.
				char first = part.charAt(0);
				initials.append(first == 'k' ? "g" : first == 'w' ? "u" : fold(part.substring(0, 1)));
			}
		});
		return initials.toString();
	}

	private static Set<String> surname(String family) {
		String letters = family.replace("-", "");
		Set<String> hangul = SURNAME_SPELLINGS.get(letters);
		return hangul != null ? hangul : Set.of(fold(letters));
	}

	/**
	 * Folds the usual variants of romanised Korean (and of Latin spelling) onto one form.
	 */
	static String fold(String text) {
		String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		s = s.replace("oo", "u")
			.replace("eo", "u")
			.replace("ou", "u")
			.replace("ee", "i")
			.replace("wu", "u")
			.replace("ui", "i");
		s = s.replace("ch", "j")
			.replace("sh", "s")
			.replace("k", "g")
			.replace("t", "d")
			.replace("p", "b")
			.replace("r", "l");
		return s;
	}

	static String romanize(int syllable) {
		int index = syllable - 0xAC00;
		int initial = index / (21 * 28);
		int medial = (index % (21 * 28)) / 28;
		int last = index % 28;
		return INITIALS[initial] + MEDIALS[medial] + FINALS[last];
	}

	private static boolean isHangulSyllable(int cp) {
		return cp >= 0xAC00 && cp <= 0xD7A3;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * Revised Romanisation, McCune–Reischauer (breves and apostrophes already read) and
	 * the spellings Koreans commonly use, from the surname lists of the National
	 * Institute of Korean Language; a spelling several surnames share stands for each of
	 * them.
	 */
	private static Map<String, Set<String>> surnames() {
		String[][] rows = { { "김", "kim", "gim", "ghim" },
				{ "이", "lee", "yi", "rhee", "i", "rhie", "ri", "ree", "rie", "lie" },
				{ "박", "park", "bak", "pak", "bahk", "parc" }, { "최", "choi", "choe", "chey", "choy", "chwe" },
				{ "정", "jung", "jeong", "chung", "cheong", "joung", "chong", "jong", "jeung" },
				{ "강", "kang", "gang", "khang" }, { "조", "cho", "jo", "joe", "joh", "jho" },
				{ "윤", "yoon", "yun", "youn" }, { "장", "jang", "chang", "jahng" },
				{ "임", "lim", "im", "rim", "yim", "leem", "ihm" }, { "한", "han", "hahn" }, { "오", "oh", "o" },
				{ "서", "seo", "suh", "so", "sur", "seoh" }, { "신", "shin", "sin", "shinn" },
				{ "권", "kwon", "gwon", "kweon", "kwun" }, { "황", "hwang", "whang" }, { "안", "ahn", "an", "ann" },
				{ "송", "song", "soung" }, { "유", "yoo", "yu", "you", "yoou" },
				{ "류", "ryu", "ryoo", "yoo", "yu", "you", "lyu", "rhyu", "ryou", "yoou" }, { "홍", "hong" },
				{ "전", "jeon", "jun", "chun", "chon", "jeun" }, { "고", "ko", "go", "koh", "goh" },
				{ "문", "moon", "mun", "moun" }, { "양", "yang", "ryang" }, { "손", "son", "sohn", "shon" },
				{ "배", "bae", "bai", "pae", "bea" }, { "백", "baek", "paik", "baik", "paek", "back", "pack" },
				{ "허", "heo", "hur", "huh", "her" }, { "남", "nam" }, { "노", "noh", "no", "roh", "ro", "rho" },
				{ "하", "ha", "hah" }, { "곽", "kwak", "gwak", "kwag" }, { "성", "sung", "seong" }, { "차", "cha" },
				{ "주", "joo", "ju", "chu", "choo" }, { "우", "woo", "u", "wu" }, { "구", "koo", "gu", "ku", "goo" },
				{ "민", "min" }, { "진", "jin", "chin" }, { "지", "ji", "chi", "jee" }, { "엄", "eom", "um", "uhm", "ohm" },
				{ "채", "chae", "chai", "che" }, { "원", "won", "weon" }, { "천", "cheon", "chun", "chon" },
				{ "방", "bang", "pang" }, { "공", "kong", "gong" }, { "현", "hyun", "hyeon", "hyon" },
				{ "함", "ham", "hahm" }, { "변", "byun", "byeon", "pyun", "byon", "pyon" },
				{ "염", "yeom", "yum", "youm", "yom" }, { "여", "yeo", "yuh", "yo", "yeoh" }, { "추", "choo", "chu" },
				{ "도", "do", "doh", "toh", "to" }, { "석", "seok", "suk", "sok" }, { "설", "seol", "sul", "sol" },
				{ "마", "ma" }, { "길", "gil", "kil" }, { "연", "yeon", "yon" }, { "위", "wi", "wee", "we" },
				{ "표", "pyo", "pyoh" }, { "명", "myung", "myeong", "myong" }, { "기", "ki", "gi", "kee" },
				{ "반", "ban", "pan" }, { "왕", "wang" }, { "금", "keum", "geum", "kum", "kuem" },
				{ "옥", "ok", "ock", "oak" }, { "육", "yuk", "yook" }, { "인", "in", "inn" }, { "맹", "maeng" },
				{ "제", "je" }, { "모", "mo", "moh" }, { "탁", "tak", "tark" }, { "국", "kook", "guk", "kuk" },
				{ "어", "eo", "uh" }, { "은", "eun" }, { "편", "pyeon", "pyon" }, { "용", "yong", "ryong" },
				{ "나", "na", "ra", "rah", "nah", "rha" }, { "라", "ra", "la", "rah" }, { "심", "shim", "sim" },
				{ "소", "so", "soh" }, { "봉", "bong", "pong" }, { "사", "sa" }, { "시", "si", "shi" },
				{ "경", "kyung", "gyeong", "kyeong", "kyong" }, { "계", "kye", "gye" }, { "빈", "bin" },
				{ "피", "pi", "phi", "pee" }, { "태", "tae" }, { "호", "ho", "hoh" }, { "형", "hyung", "hyeong" },
				{ "남궁", "namgung", "namkung", "namkoong" }, { "제갈", "jegal", "chegal" },
				{ "선우", "sunwoo", "seonu", "seonwoo", "sunwu", "sonu" }, { "황보", "hwangbo" },
				{ "독고", "dokgo", "tokko", "dokko" }, { "사공", "sagong", "sakong" },
				{ "서문", "seomun", "somun", "seomoon" } };
		Map<String, Set<String>> table = new HashMap<>();
		for (String[] row : rows) {
			for (int i = 1; i < row.length; i++) {
				table.computeIfAbsent(row[i], k -> new LinkedHashSet<>()).add(row[0]);
			}
			table.computeIfAbsent(romanizeWord(row[0]), k -> new LinkedHashSet<>()).add(row[0]);
		}
		Map<String, Set<String>> frozen = new HashMap<>();
		table.forEach((spelling, hangul) -> frozen.put(spelling, Collections
			.unmodifiableSet(new LinkedHashSet<>(hangul.stream().sorted(Comparator.naturalOrder()).toList()))));
		return Map.copyOf(frozen);
	}

	private static String romanizeWord(String hangul) {
		StringBuilder out = new StringBuilder();
		hangul.codePoints().forEach(cp -> out.append(romanize(cp)));
		return out.toString();
	}

}
