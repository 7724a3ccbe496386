package kr.aifellows.portal.review.conflicts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The institution registry file with the spellings chairs merged into it: hands the
 * conflict checks the current {@link InstitutionMatcher} and records merges.
 */
@Service
public class InstitutionRegistry {

	private final InstitutionMergeRepository merges;

	private final AuditLog auditLog;

	private final Clock clock;

	private final AtomicReference<InstitutionMatcher> current = new AtomicReference<>();

	InstitutionRegistry(InstitutionMergeRepository merges, AuditLog auditLog, Clock clock) {
		this.merges = merges;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/** The matcher with every merge so far. */
	@Transactional(readOnly = true)
	public InstitutionMatcher matcher() {
		InstitutionMatcher matcher = current.get();
		if (matcher == null) {
			matcher = new InstitutionMatcher(merges.findAllByOrderByMergedAtDesc()
				.reversed()
				.stream()
				.map(InstitutionMerge::toSpelling)
				.toList());
			current.set(matcher);
		}
		return matcher;
	}

	@Transactional(readOnly = true)
	public List<MergeView> merges() {
		return merges.findAllByOrderByMergedAtDesc().stream().map(InstitutionMerge::toView).toList();
	}

	/**
	 * From now on reads {@code spelling} as the institution {@code into} stands for. The
	 * caller re-runs the conflict checks.
	 * @throws ReviewException {@code institution.merge.blank} for an empty side,
	 * {@code institution.merge.ambiguous} when {@code into} names several institutions,
	 * {@code institution.merge.same} when both already are one institution; nothing
	 * changes
	 */
	@Transactional
	public MergeView merge(String spelling, String into, String chairEmail) {
		if (spelling == null || spelling.isBlank() || into == null || into.isBlank()
				|| InstitutionMatcher.spellingKey(spelling).isEmpty()
				|| InstitutionMatcher.spellingKey(into).isEmpty()) {
			throw new ReviewException("institution.merge.blank");
		}
		InstitutionMatcher matcher = matcher();
		Set<String> targets = matcher.find(into).stream().map(f -> f.institution().key()).collect(Collectors.toSet());
		if (targets.size() != 1) {
			throw new ReviewException("institution.merge.ambiguous", into.strip());
		}
		InstitutionMatcher.Institution target = matcher.find(into).get(0).institution();
		Set<String> already = matcher.find(spelling)
			.stream()
			.map(f -> f.institution().key())
			.collect(Collectors.toSet());
		if (already.equals(targets)) {
			throw new ReviewException("institution.merge.same", spelling.strip(), target.label());
		}
		String label = target.key().startsWith("~") ? into.strip() : target.label();
		Instant now = Instant.now(clock);
		InstitutionMerge merge = merges.findBySpellingKey(InstitutionMatcher.spellingKey(spelling)).map(existing -> {
			existing.retarget(label, target.key(), chairEmail, now);
			return existing;
		}).orElseGet(() -> new InstitutionMerge(spelling.strip(), label, target.key(), chairEmail, now));
		InstitutionMerge saved = merges.save(merge);
		current.set(null);
		auditLog.record(chairEmail, "INSTITUTION_MERGED", "institution:" + target.key(),
				spelling.strip() + " -> " + label);
		return saved.toView();
	}

	/**
	 * A merge as the chair sees it.
	 */
	public record MergeView(String spelling, String target, String targetKey, String mergedBy, Instant mergedAt) {
	}

}
