package kr.aifellows.portal.gpu.local;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import kr.aifellows.portal.gpu.LauncherHealth;

/**
 * What the sandbox probe found, probed at start-up and again while jobs would be refused:
 * bubblewrap may be installed or repaired after the portal started.
 */
final class SandboxHealth {

	private final Supplier<SandboxReport> probe;

	private final Clock clock;

	private volatile SandboxReport report;

	private volatile Instant checkedAt;

	SandboxHealth(Supplier<SandboxReport> probe, Clock clock) {
		this.probe = probe;
		this.clock = clock;
		this.report = probe.get();
		this.checkedAt = clock.instant();
	}

	SandboxReport report() {
		return report;
	}

	LauncherHealth health(boolean allowUnsandboxed) {
		SandboxReport current = report;
		return new LauncherHealth(current.sandboxed() || allowUnsandboxed, current.problems(), checkedAt);
	}

	/**
	 * @return whether a new probe found something else than the last one
	 */
	synchronized boolean recheckWhenUnusable() {
		if (report.sandboxed()) {
			return false;
		}
		SandboxReport fresh = probe.get();
		checkedAt = clock.instant();
		boolean changed = fresh.sandboxed() != report.sandboxed() || !fresh.problems().equals(report.problems());
		report = fresh;
		return changed;
	}

}
