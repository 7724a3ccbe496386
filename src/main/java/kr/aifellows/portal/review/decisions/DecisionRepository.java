package kr.aifellows.portal.review.decisions;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface DecisionRepository extends Repository<Decision, Long> {

	Decision save(Decision decision);

	Optional<Decision> findByApplicationId(long applicationId);

	List<Decision> findByCallIdOrderByApplicationId(long callId);

	@Query("select coalesce(sum(d.gpuHours), 0) from Decision d where d.callId = :callId and d.outcome = 'SELECTED'")
	long grantedHours(long callId);

	long countByCallIdAndPublishedAtIsNull(long callId);

}
