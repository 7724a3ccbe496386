package kr.aifellows.portal.review;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ConflictRepository extends Repository<Conflict, Long> {

	Conflict save(Conflict conflict);

	void delete(Conflict conflict);

	Optional<Conflict> findById(Long id);

	List<Conflict> findByApplicationIdAndReviewerId(long applicationId, long reviewerId);

	List<Conflict> findByCallIdOrderByApplicationIdAscReviewerIdAsc(long callId);

	List<Conflict> findByApplicationId(long applicationId);

	@Query("""
			select count(c) > 0 from Conflict c
			where c.applicationId = :applicationId and c.reviewerId = :reviewerId and c.waivedAt is null""")
	boolean isConflicted(long applicationId, long reviewerId);
}
