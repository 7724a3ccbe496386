package kr.aifellows.portal.portfolios;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface CallRepository extends Repository<Call, Long> {

	Call save(Call call);

	long count();

	@Query("select c from Call c where c.opensAt <= :now and c.closesAt > :now order by c.closesAt")
	List<Call> findOpenAt(Instant now);

	List<Call> findAllByOrderByOpensAtDesc();
}
