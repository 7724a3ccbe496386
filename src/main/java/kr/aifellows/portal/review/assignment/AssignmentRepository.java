package kr.aifellows.portal.review.assignment;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface AssignmentRepository extends Repository<Assignment, Long> {

	Assignment save(Assignment assignment);

	void delete(Assignment assignment);

	Optional<Assignment> findById(Long id);

	List<Assignment> findByCallIdOrderByApplicationIdAscReviewerIdAsc(long callId);

	List<Assignment> findByCallIdAndState(long callId, AssignmentState state);

	List<Assignment> findByApplicationIdAndReviewerIdAndState(long applicationId, long reviewerId,
			AssignmentState state);

	List<Assignment> findByReviewerIdAndStateOrderByCallIdAscApplicationIdAsc(long reviewerId, AssignmentState state);

	List<Assignment> findByApplicationIdAndState(long applicationId, AssignmentState state);

	@Query("""
			select count(a) > 0 from Assignment a
			where a.applicationId = :applicationId and a.reviewerId = :reviewerId and a.state = 'ACTIVE'""")
	boolean isAssigned(long applicationId, long reviewerId);

}
