package kr.aifellows.portal.portfolios.files;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import kr.aifellows.portal.portfolios.ApplicationStatus;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface ApplicationFileRepository extends Repository<ApplicationFile, Long> {

	ApplicationFile save(ApplicationFile file);

	List<ApplicationFile> findByApplicationIdOrderByKind(long applicationId);

	List<ApplicationFile> findByApplicationIdInOrderByKind(Collection<Long> applicationIds);

	Optional<ApplicationFile> findByIdAndApplicationId(long id, long applicationId);

	@Query("""
			select count(f) from ApplicationFile f, Application a
			where a.id = f.applicationId and a.callId = :callId and a.status not in :excluded
			and f.extractionState = ExtractionState.PENDING""")
	long countPendingExtractions(long callId, Collection<ApplicationStatus> excluded);

	@Modifying
	@Query("delete from ApplicationFile f where f.applicationId = :applicationId and f.kind = :kind")
	int deleteByApplicationIdAndKind(long applicationId, FileKind kind);

	@Modifying
	@Query("delete from ApplicationFile f where f.applicationId = :applicationId")
	int deleteByApplicationId(long applicationId);

	boolean existsBySha256(String sha256);

}
