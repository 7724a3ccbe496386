package kr.aifellows.portal.system;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface AuditEntryRepository extends Repository<AuditEntry, Long> {

	AuditEntry save(AuditEntry entry);

	@Query("""
			select e from AuditEntry e
			where (:action = '' or e.action = :action)
			  and (:actor = '' or lower(e.actor) like :actor)
			  and e.occurredAt >= :from and e.occurredAt < :until
			  and (:text = '' or lower(e.actor) like :text or lower(coalesce(e.subject, '')) like :text
			       or lower(coalesce(e.detail, '')) like :text)
			order by e.id desc""")
	Page<AuditEntry> search(String action, String actor, Instant from, Instant until, String text, Pageable pageable);

	@Query("select distinct e.action from AuditEntry e order by e.action")
	List<String> findActions();

}
