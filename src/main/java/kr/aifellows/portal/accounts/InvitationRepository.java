package kr.aifellows.portal.accounts;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

interface InvitationRepository extends Repository<Invitation, Long> {

	Invitation save(Invitation invitation);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<Invitation> findByTokenHash(String tokenHash);

	List<Invitation> findAllByOrderByIdDesc(Pageable pageable);

}
