package kr.aifellows.portal.review.conflicts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface ConflictRepository extends Repository<Conflict, Long> {

	Conflict save(Conflict conflict);

	void delete(Conflict conflict);

	Optional<Conflict> findById(Long id);

	List<Conflict> findByApplicationIdAndReviewerId(long applicationId, long reviewerId);

	List<Conflict> findByCallIdOrderByApplicationIdAscReviewerIdAsc(long callId);

	List<Conflict> findByApplicationId(long applicationId);

	List<Conflict> findAllByOrderByIdAsc();

	/** Adds a finding unless a concurrent check added the same one first. */
	@Modifying
	@Query(nativeQuery = true, value = """
			insert into review_conflicts (call_id, application_id, reviewer_id, source, severity, detail,
			    evidence_code, evidence_args, detected_at)
			values (:callId, :applicationId, :reviewerId, :source, :severity, :detail, :evidenceCode, :evidenceArgs,
			    :detectedAt)
			on conflict (application_id, reviewer_id, source) do nothing""")
	int insertIfAbsent(long callId, long applicationId, long reviewerId, String source, String severity, String detail,
			String evidenceCode, String evidenceArgs, Instant detectedAt);

	@Query("""
			select count(c) > 0 from Conflict c
			where c.applicationId = :applicationId and c.reviewerId = :reviewerId and c.waivedAt is null""")
	boolean isConflicted(long applicationId, long reviewerId);

	@Query("select c.applicationId from Conflict c where c.reviewerId = :reviewerId and c.waivedAt is null")
	Set<Long> findConflictedApplicationIds(long reviewerId);

}
