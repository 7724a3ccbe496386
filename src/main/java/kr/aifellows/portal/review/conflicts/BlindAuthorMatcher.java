package kr.aifellows.portal.review.conflicts;

import java.util.List;
import java.util.stream.Stream;

import kr.aifellows.portal.portfolios.ApplicantNameMatcher;
import kr.aifellows.portal.portfolios.AuthorNames;
import kr.aifellows.portal.portfolios.Profile;

import org.springframework.stereotype.Component;

/**
 * Finds the applicant in an author list for the blind view with the conflict checks' name
 * matching ({@link PersonNames}: initials, order, romanisation, Hangul), after footnote
 * marks, degrees and bracketed notes are stripped. A full match wins over one by
 * initials.
 */
@Component
class BlindAuthorMatcher implements ApplicantNameMatcher {

	@Override
	public int applicantPosition(Profile applicant, List<String> authors) {
		List<String> own = Stream.of(applicant.nameKo(), applicant.nameRomanized())
			.filter(name -> name != null && !name.isBlank())
			.toList();
		int byInitials = 0;
		for (int i = 0; i < authors.size(); i++) {
			String author = AuthorNames.stripMarks(authors.get(i));
			for (String name : own) {
				PersonNames.Match match = PersonNames.match(author, name);
				if (match == PersonNames.Match.FULL) {
					return i + 1;
				}
				if (match == PersonNames.Match.INITIALS && byInitials == 0) {
					byInitials = i + 1;
				}
			}
		}
		return byInitials;
	}

}
