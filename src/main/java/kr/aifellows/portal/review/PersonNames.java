package kr.aifellows.portal.review;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether two written names can be the same person, across case, spacing, hyphens,
 * initials, "Family, Given" order and Korean names written in Hangul or romanised.
 * <p>
 * The rule: a name becomes one or more keys {@code family|given}. Hangul names are split into a
 * family name (one syllable, or two for the compound surnames in {@link #COMPOUND_SURNAMES}) and
 * a given name, and romanised syllable by syllable with the Revised Romanisation. Every family
 * name goes through a table of the common romanisations of Korean surnames (Lee, Yi, Rhee and I
 * are all 이), and every given name through a phonetic folding that makes the usual spelling
 * variants equal (oo/u, eo/u/ou, ee/i, k/g, t/d, p/b, ch/j, r/l, sh/s). Latin names are tried in
 * both orders (given-family and family-given). Two names match fully when they share a key, and by
 * initials when one given name is only initials and the family names agree and the initials are
 * those of the other's given name syllables or words.
 */
final class PersonNames {

	enum Match {
		FULL, INITIALS, NONE
	}

	private static final Set<String> COMPOUND_SURNAMES = Set.of("남궁", "제갈", "선우", "황보", "독고", "사공", "서문");

	private static final String[] INITIALS = { "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j",
			"jj", "ch", "k", "t", "p", "h" };

	private static final String[] MEDIALS = { "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe",
			"yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i" };

	private static final String[] FINALS = { "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p",
			"l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t" };

	// After the romanisation tables, which it uses.
	/** Common romanisations of Korean surnames, each to its Hangul form. */
	private static final Map<String, String> SURNAME_SPELLINGS = surnames();

	private PersonNames() {
	}

	static Match match(String a, String b) {
		if (blank(a) || blank(b)) {
			return Match.NONE;
		}
		List<Key> left = keys(a);
		List<Key> right = keys(b);
		for (Key l : left) {
			for (Key r : right) {
				if (l.family().equals(r.family()) && l.given().equals(r.given()) && !l.given().isEmpty()) {
					return Match.FULL;
				}
			}
		}
		for (Key l : left) {
			for (Key r : right) {
				if (l.family().equals(r.family()) && initialsAgree(l, r)) {
					return Match.INITIALS;
				}
			}
		}
		return Match.NONE;
	}

	/** Whether some written form of one name is the same person as some form of the other. */
	static boolean sameFull(String a, String b) {
		return match(a, b) == Match.FULL;
	}

	private static boolean initialsAgree(Key l, Key r) {
		if (l.initialsOnly() == r.initialsOnly()) {
			return l.initialsOnly() && l.initials().equals(r.initials()) && !l.initials().isEmpty();
		}
		Key abbreviated = l.initialsOnly() ? l : r;
		Key full = l.initialsOnly() ? r : l;
		return !abbreviated.initials().isEmpty() && (full.initials().equals(abbreviated.initials())
				|| full.initials().startsWith(abbreviated.initials())
				|| (abbreviated.initials().length() == 1 && full.given().startsWith(abbreviated.initials())));
	}

	/** One reading of a name: family name, folded given name, and the given name's initials. */
	record Key(String family, String given, String initials, boolean initialsOnly) {
	}

	static List<Key> keys(String name) {
		String text = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
		List<Key> keys = new ArrayList<>();
		String compact = text.replaceAll("\\s+", "");
		if (!compact.isEmpty() && compact.chars().allMatch(PersonNames::isHangulSyllable)) {
			int split = compact.length() >= 3 && COMPOUND_SURNAMES.contains(compact.substring(0, 2)) ? 2 : 1;
			String family = compact.substring(0, split);
			String given = compact.substring(split);
			List<String> syllables = given.codePoints().mapToObj(cp -> fold(romanize(cp))).toList();
			keys.add(new Key(family, String.join("", syllables), initialsOf(syllables), false));
			return keys;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		List<String> words;
		boolean familyFirst;
		int comma = lower.indexOf(',');
		if (comma >= 0) {
			String family = lower.substring(0, comma);
			String given = lower.substring(comma + 1);
			words = new ArrayList<>(tokens(given));
			words.addAll(tokens(family));
			familyFirst = false;
			addKey(keys, words, false);
			return keys;
		}
		words = tokens(lower);
		if (words.isEmpty()) {
			return keys;
		}
		addKey(keys, words, false);
		if (words.size() > 1) {
			familyFirst = true;
			addKey(keys, words, familyFirst);
		}
		return keys;
	}

	private static void addKey(List<Key> keys, List<String> words, boolean familyFirst) {
		String family = familyFirst ? words.get(0) : words.get(words.size() - 1);
		List<String> given = familyFirst ? words.subList(1, words.size()) : words.subList(0, words.size() - 1);
		boolean initialsOnly = !given.isEmpty() && given.stream().allMatch(w -> w.length() == 1);
		// "Gil-dong" is one given name of two syllables: its initials are g and d.
		List<String> parts = given.stream()
			.flatMap(w -> java.util.Arrays.stream(w.split("-")))
			.filter(p -> !p.isEmpty())
			.toList();
		String folded = initialsOnly ? "" : fold(String.join("", parts));
		keys.add(new Key(surname(family), folded, initialsOf(parts), initialsOnly));
		if (!initialsOnly && parts.size() == 1 && parts.get(0).length() >= 4) {
			// "Gildong" written as one word: the syllable split is unknown, so its first letter stands.
			keys.add(new Key(surname(family), folded, parts.get(0).substring(0, 1), false));
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
				initials.append(part.charAt(0) == 'k' ? 'g' : fold(part.substring(0, 1)));
			}
		});
		return initials.toString();
	}

	private static String surname(String family) {
		String letters = family.replace("-", "");
		String hangul = SURNAME_SPELLINGS.get(letters);
		return hangul != null ? hangul : fold(letters);
	}

	/** Folds the usual variants of romanised Korean (and of Latin spelling) onto one form. */
	static String fold(String text) {
		String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		s = s.replace("oo", "u").replace("eo", "u").replace("ou", "u").replace("ee", "i");
		s = s.replace("ch", "j").replace("sh", "s").replace("k", "g").replace("t", "d").replace("p", "b")
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

	private static Map<String, String> surnames() {
		Map<String, String> table = new java.util.HashMap<>();
		String[][] rows = { { "김", "kim", "gim" }, { "이", "lee", "yi", "rhee", "i", "rhie", "ri", "ree" },
				{ "박", "park", "bak", "pak", "bahk" }, { "최", "choi", "choe", "chey" },
				{ "정", "jung", "jeong", "chung", "cheong", "joung" }, { "강", "kang", "gang" },
				{ "조", "cho", "jo", "joe" }, { "윤", "yoon", "yun" }, { "장", "jang", "chang" },
				{ "임", "lim", "im", "rim", "yim" }, { "한", "han" }, { "오", "oh", "o" },
				{ "서", "seo", "suh", "so", "sur" }, { "신", "shin", "sin" }, { "권", "kwon", "gwon" },
				{ "황", "hwang" }, { "안", "ahn", "an" }, { "송", "song" }, { "류", "ryu", "yoo", "yu", "ryoo", "you" },
				{ "홍", "hong" }, { "전", "jeon", "jun", "chun", "chon" }, { "고", "ko", "go" },
				{ "문", "moon", "mun" }, { "양", "yang" }, { "손", "son", "sohn" }, { "배", "bae", "bai", "pae" },
				{ "백", "baek", "paik", "baik", "paek" }, { "허", "heo", "hur", "huh" }, { "남", "nam" },
				{ "노", "noh", "no", "roh", "ro" }, { "하", "ha" }, { "곽", "kwak", "gwak" },
				{ "성", "sung", "seong" }, { "차", "cha" }, { "주", "joo", "ju", "chu" }, { "우", "woo", "u" },
				{ "구", "koo", "gu", "ku" }, { "민", "min" }, { "진", "jin", "chin" }, { "지", "ji", "chi" },
				{ "엄", "eom", "um", "uhm" }, { "채", "chae" }, { "원", "won" }, { "천", "cheon", "chun" },
				{ "방", "bang", "pang" }, { "공", "kong", "gong" }, { "현", "hyun", "hyeon" }, { "함", "ham" },
				{ "변", "byun", "byeon", "pyun" }, { "염", "yeom", "yum" }, { "여", "yeo", "yuh" },
				{ "추", "choo", "chu" }, { "도", "do", "doh" }, { "석", "seok", "suk" }, { "설", "seol", "sul" },
				{ "마", "ma" }, { "길", "gil", "kil" }, { "연", "yeon", "yun" }, { "위", "wi", "wee" },
				{ "표", "pyo" }, { "명", "myung", "myeong" }, { "기", "ki", "gi" }, { "반", "ban", "pan" },
				{ "왕", "wang" }, { "금", "keum", "geum", "kum" }, { "옥", "ok" }, { "육", "yuk", "yook" },
				{ "인", "in" }, { "맹", "maeng" }, { "제", "je" }, { "모", "mo" }, { "탁", "tak" },
				{ "국", "kook", "guk" }, { "어", "eo", "uh" }, { "은", "eun" }, { "편", "pyeon" }, { "용", "yong" },
				{ "남궁", "namgung", "namkung" }, { "제갈", "jegal" }, { "선우", "sunwoo", "seonu" },
				{ "황보", "hwangbo" }, { "독고", "dokgo" }, { "사공", "sagong" } };
		Set<String> ambiguous = new LinkedHashSet<>();
		for (String[] row : rows) {
			for (int i = 1; i < row.length; i++) {
				if (table.containsKey(row[i]) && !table.get(row[i]).equals(row[0])) {
					ambiguous.add(row[i]);
				}
				table.putIfAbsent(row[i], row[0]);
			}
			table.putIfAbsent(romanizeWord(row[0]), row[0]);
		}
		// A spelling two surnames share (chun: 전 and 천) keeps the first; both Hangul forms still
		// romanise to their own keys.
		return Map.copyOf(table);
	}

	private static String romanizeWord(String hangul) {
		StringBuilder out = new StringBuilder();
		hangul.codePoints().forEach(cp -> out.append(romanize(cp)));
		return out.toString();
	}
}
