package kr.aifellows.portal.review.conflicts;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A spelling a chair merged into an institution: from then on the conflict checks read it
 * as that institution.
 */
@Entity
@Table(name = "review_institution_merges")
class InstitutionMerge {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String spelling;

	private String spellingKey;

	private String target;

	private String targetKey;

	private String mergedBy;

	private Instant mergedAt;

	protected InstitutionMerge() {
	}

	InstitutionMerge(String spelling, String target, String targetKey, String mergedBy, Instant mergedAt) {
		this.spelling = spelling;
		this.spellingKey = InstitutionMatcher.spellingKey(spelling);
		this.target = target;
		this.targetKey = targetKey;
		this.mergedBy = mergedBy;
		this.mergedAt = mergedAt;
	}

	String spellingKey() {
		return spellingKey;
	}

	void retarget(String target, String targetKey, String mergedBy, Instant mergedAt) {
		this.target = target;
		this.targetKey = targetKey;
		this.mergedBy = mergedBy;
		this.mergedAt = mergedAt;
	}

	InstitutionMatcher.MergedSpelling toSpelling() {
		return new InstitutionMatcher.MergedSpelling(spelling, targetKey, target);
	}

	InstitutionRegistry.MergeView toView() {
		return new InstitutionRegistry.MergeView(spelling, target, targetKey, mergedBy, mergedAt);
	}

}
