package kr.aifellows.portal.portfolios;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ApplicationRepository extends Repository<Application, Long> {

	Application save(Application application);

	Optional<Application> findById(Long id);

	Optional<Application> findByIdAndApplicantAccountId(long id, long applicantAccountId);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from Application a where a.id = :id and a.applicantAccountId = :applicantAccountId")
	Optional<Application> findForUpdate(long id, long applicantAccountId);

	Optional<Application> findByCallIdAndApplicantAccountId(long callId, long applicantAccountId);

	List<Application> findByApplicantAccountIdOrderByCreatedAtDesc(long applicantAccountId);

	// fully qualified: a JPQL constructor expression names its class in full
	@Query("""
			select new kr.aifellows.portal.portfolios.ApplicationCatalog$Listing(a.id, a.receiptNumber, a.proposalTitle,
			       a.requestedGpuHours)
			from Application a where a.id in :ids""")
	List<ApplicationCatalog.Listing> findListingsByIdIn(Collection<Long> ids);

	long countByCallIdAndStatusIn(long callId, List<ApplicationStatus> statuses);

	long countByStatusNotInAndDestroyedAtIsNull(List<ApplicationStatus> statuses);

	@Query("""
			select a.id from Application a
			where a.status not in :statuses and a.destroyedAt is null and a.id > :after order by a.id""")
	List<Long> findIdsByStatusNotIn(List<ApplicationStatus> statuses, long after, Pageable pageable);

	@Query(value = """
			select a from Application a
			where a.callId = :callId
			  and (:status is null or a.status = :status)
			  and (:area is null or :area member of a.areas)
			order by a.id""", countQuery = """
			select count(a) from Application a
			where a.callId = :callId
			  and (:status is null or a.status = :status)
			  and (:area is null or :area member of a.areas)""")
	Page<Application> search(long callId, ApplicationStatus status, ResearchArea area, Pageable pageable);

	/**
	 * Applications of calls closed before the cutoff, in the given states, not yet
	 * destroyed.
	 */
	@Query("""
			select a.id from Application a, Call c
			where c.id = a.callId and c.closesAt < :closedBefore and a.status in :statuses and a.destroyedAt is null
			order by a.id""")
	List<Long> findExpired(Instant closedBefore, Collection<ApplicationStatus> statuses, Pageable pageable);

}
