package kr.aifellows.portal.review.pool;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

public interface ReviewerRepository extends Repository<Reviewer, Long> {

	Reviewer save(Reviewer reviewer);

	Optional<Reviewer> findById(Long id);

	Optional<Reviewer> findByEmail(String email);

	List<Reviewer> findAllByOrderById();

	List<Reviewer> findByIdIn(Collection<Long> ids);

	Page<Reviewer> findAllByOrderById(Pageable pageable);

	boolean existsByEmail(String email);

}
