package kr.aifellows.portal.accounts;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface AccountTokenRepository extends Repository<AccountToken, Long> {

	AccountToken save(AccountToken token);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<AccountToken> findByTokenHashAndPurpose(String tokenHash, AccountToken.Purpose purpose);

	@Modifying
	@Query("""
			update AccountToken t set t.usedAt = :now
			where t.accountId = :accountId and t.purpose = :purpose and t.usedAt is null""")
	int invalidateAll(long accountId, AccountToken.Purpose purpose, Instant now);

}
