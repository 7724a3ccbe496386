package kr.aifellows.portal.system.cluster;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up, without a stack trace, why a second instance does not start. */
class SecondInstanceFailureAnalyzer extends AbstractFailureAnalyzer<SecondInstanceRefusedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecondInstanceRefusedException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Configure every instance for several instances (see README, \"Several instances\"), or run one.",
				cause);
	}

}
