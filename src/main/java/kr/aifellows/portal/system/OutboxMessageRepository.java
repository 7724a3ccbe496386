package kr.aifellows.portal.system;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface OutboxMessageRepository extends Repository<OutboxMessage, Long> {

	OutboxMessage save(OutboxMessage message);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select m from OutboxMessage m where m.id = :id")
	Optional<OutboxMessage> findForDeliveryById(long id);

	Page<OutboxMessage> findAllByOrderByIdDesc(Pageable pageable);

	@Query("select m.id from OutboxMessage m where m.status = 'PENDING' and m.attempts < :maxAttempts order by m.id")
	List<Long> findPendingIds(int maxAttempts, Pageable pageable);
}
