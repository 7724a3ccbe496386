package kr.aifellows.portal.portfolios;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The calls for applications.
 */
@Service
public class CallCatalog {

	private final CallRepository calls;

	private final Clock clock;

	CallCatalog(CallRepository calls, Clock clock) {
		this.calls = calls;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<CallSummary> openCalls() {
		return calls.findOpenAt(Instant.now(clock)).stream().map(Call::toSummary).toList();
	}

	@Transactional(readOnly = true)
	public List<CallSummary> allCalls() {
		return calls.findAllByOrderByOpensAtDesc().stream().map(Call::toSummary).toList();
	}
}
