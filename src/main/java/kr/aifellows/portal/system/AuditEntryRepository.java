package kr.aifellows.portal.system;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface AuditEntryRepository extends Repository<AuditEntry, Long> {

	AuditEntry save(AuditEntry entry);

	@Query("""
			select e from AuditEntry e
			where (:action = '' or e.action = :action)
			  and (:text = '' or lower(e.actor) like :text or lower(coalesce(e.subject, '')) like :text
			       or lower(coalesce(e.detail, '')) like :text)
			order by e.id desc""")
	Page<AuditEntry> search(String action, String text, Pageable pageable);
}
