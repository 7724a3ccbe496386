package kr.aifellows.portal.gpu.local;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxHealthTests {

	private static final SandboxReport BROKEN = report(false, List.of("bubblewrap not found at /usr/bin/bwrap"));

	private static final SandboxReport WORKING = report(true, List.of());

	@Test
	void aHostRepairedAfterStartUpIsSeenAtTheNextCheckWithoutARestart() {
		AtomicReference<SandboxReport> host = new AtomicReference<>(BROKEN);
		SandboxHealth health = new SandboxHealth(host::get, Clock.systemUTC());
		assertThat(health.health(false).ready()).isFalse();
		assertThat(health.health(false).problems()).containsExactly("bubblewrap not found at /usr/bin/bwrap");

		host.set(WORKING);

		assertThat(health.recheckWhenUnusable()).isTrue();
		assertThat(health.health(false).ready()).isTrue();
		assertThat(health.health(false).problems()).isEmpty();
	}

	@Test
	void aWorkingSandboxIsNotProbedAgain() {
		AtomicInteger probes = new AtomicInteger();
		SandboxHealth health = new SandboxHealth(() -> {
			probes.incrementAndGet();
			return WORKING;
		}, Clock.systemUTC());

		assertThat(health.recheckWhenUnusable()).isFalse();
		assertThat(probes).hasValue(1);
	}

	@Test
	void runningUnsandboxedByChoiceCountsAsReadyButKeepsTheProblemsForOperators() {
		SandboxHealth health = new SandboxHealth(() -> BROKEN, Clock.systemUTC());

		assertThat(health.health(true).ready()).isTrue();
		assertThat(health.health(true).problems()).isNotEmpty();
	}

	private static SandboxReport report(boolean sandboxed, List<String> problems) {
		return new SandboxReport(sandboxed, sandboxed ? "0.8.0" : null, "nobody", "none", false, false, false,
				"virtual", List.of(), problems);
	}

}
