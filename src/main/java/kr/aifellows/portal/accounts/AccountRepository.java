package kr.aifellows.portal.accounts;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface AccountRepository extends Repository<Account, Long> {

	Account save(Account account);

	Optional<Account> findById(Long id);

	@Query("select a from Account a where lower(a.email) = lower(:email)")
	Optional<Account> findByEmail(String email);

	@Query("select count(a) > 0 from Account a where lower(a.email) = lower(:email)")
	boolean existsByEmail(String email);

	@Query("""
			select a from Account a
			where :text = '' or lower(a.email) like :text or lower(a.displayName) like :text
			order by a.id""")
	Page<Account> search(String text, Pageable pageable);

}
