package kr.aifellows.portal.portfolios.calls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import kr.aifellows.portal.portfolios.ApplicationStatus;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface CallRepository extends Repository<Call, Long> {

	Call save(Call call);

	long count();

	Optional<Call> findById(Long id);

	boolean existsByTitleKo(String titleKo);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from Call c where c.id = :id")
	Optional<Call> findForUpdate(long id);

	@Query("select c from Call c where c.opensAt <= :now and c.closesAt >= :now order by c.closesAt")
	List<Call> findOpenAt(Instant now);

	List<Call> findAllByOrderByOpensAtDesc();

	@Query("select count(a) from Application a where a.callId = :callId and a.status in :statuses")
	long countApplications(long callId, List<ApplicationStatus> statuses);

}
