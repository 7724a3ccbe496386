import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import kr.aifellows.portal.review.conflicts.InstitutionMatcher;

/**
 * Institution matcher throughput: distinct affiliation strings, so every lookup is
 * computed.
 */
public class MatcherBench {

	public static void main(String[] args) {
		String[] departments = { "Dept. of Computer Science, ", "School of Computing, ", "전산학부 ", "AI대학원 ",
				"Graduate School of AI, ", "" };
		String[] institutions = { "KAIST", "한국과학기술원", "Seoul National University", "서울대학교", "POSTECH", "LG AI Research",
				"NAVER Cloud", "Korea University of Technology and Education", "연세대", "Hallasan University",
				"Samsung Research", "UNIST", "Univ. of California, Berkeley" };
		Random random = new Random(25);
		int n = 200_000;
		List<String> texts = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			texts.add(departments[random.nextInt(departments.length)]
					+ institutions[random.nextInt(institutions.length)] + " Lab " + i);
		}
		for (int round = 0; round < 3; round++) {
			InstitutionMatcher matcher = new InstitutionMatcher(List.of());
			long start = System.nanoTime();
			long found = 0;
			for (String text : texts) {
				found += matcher.find(text).size();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(
					"round %d: %d distinct affiliations in %.2f s = %.0f per second (%d institutions found, "
							+ "registry %d)%n",
					round, n, seconds, n / seconds, found, InstitutionMatcher.registrySize());
		}
	}

}
