package kr.aifellows.portal.review.scoring;

import java.util.List;

import org.springframework.data.repository.Repository;

interface DiscussionRepository extends Repository<DiscussionPost, Long> {

	DiscussionPost save(DiscussionPost post);

	List<DiscussionPost> findByApplicationIdOrderById(long applicationId);

}
