package kr.aifellows.portal.review.scoring;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

public interface ReviewRepository extends Repository<Review, Long> {

	Review save(Review review);

	Optional<Review> findByApplicationIdAndReviewerId(long applicationId, long reviewerId);

	List<Review> findByApplicationIdOrderById(long applicationId);

	List<Review> findByCallIdAndStatus(long callId, Review.Status status);

	List<Review> findByCallIdOrderByApplicationIdAscIdAsc(long callId);

	List<Review> findByReviewerId(long reviewerId);

}
