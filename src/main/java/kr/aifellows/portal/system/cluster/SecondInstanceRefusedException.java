package kr.aifellows.portal.system.cluster;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * This instance would share its database with a live instance while one of them keeps
 * state in its own process.
 */
class SecondInstanceRefusedException extends IllegalStateException {

	SecondInstanceRefusedException(PortalInstances.Member self, PortalInstances.Member other) {
		super(message(self, other));
	}

	private static String message(PortalInstances.Member self, PortalInstances.Member other) {
		Set<String> parts = new LinkedHashSet<>(self.perProcess());
		parts.addAll(other.perProcess());
		StringBuilder text = new StringBuilder("Another portal instance, on ").append(other)
			.append(", uses this database, and ")
			.append(String.join(" and ", parts))
			.append(" keep state in one process only. To run more than one instance:");
		if (parts.contains("portal.search.backend=lucene")) {
			text.append(" use Elasticsearch (portal.search.backend=elasticsearch, spring.elasticsearch.uris=...),"
					+ " the embedded Lucene index is per process;");
		}
		if (parts.contains("portal.gpu.launcher=local")) {
			text.append(" use Slurm (portal.gpu.launcher=slurm), the local sandbox launcher runs jobs on its own host"
					+ " and tracks them in its own memory;");
		}
		return text.append(" on every instance. Otherwise stop the other instance first.").toString();
	}

}
