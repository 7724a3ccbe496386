package kr.aifellows.portal.system;

import java.time.Instant;
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

	/**
	 * Pending mails, and claimed ones whose claim ran out (the instance sending them died
	 * or hung).
	 */
	@Query("""
			select m.id from OutboxMessage m
			where m.attempts < :maxAttempts
			  and (m.status = 'PENDING' or (m.status = 'SENDING' and m.claimedUntil <= :now))
			order by m.id""")
	List<Long> findDeliverableIds(int maxAttempts, Instant now, Pageable pageable);

}
