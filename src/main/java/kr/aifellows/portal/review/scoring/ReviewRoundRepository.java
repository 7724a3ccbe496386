package kr.aifellows.portal.review.scoring;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface ReviewRoundRepository extends Repository<ReviewRound, Long> {

	ReviewRound save(ReviewRound round);

	Optional<ReviewRound> findById(Long callId);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from ReviewRound r where r.callId = :callId")
	Optional<ReviewRound> findForUpdate(long callId);

}
