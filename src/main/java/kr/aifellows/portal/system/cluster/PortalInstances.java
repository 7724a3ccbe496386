package kr.aifellows.portal.system.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portal instances that share this database, each with a heartbeat. An instance that
 * keeps something only in its own process (the embedded Lucene index, jobs of the local
 * sandbox launcher) can not share the database with another one: the one that starts
 * second refuses to start, before it serves anything, and says which setting to change.
 */
@Component
@DependsOnDatabaseInitialization
class PortalInstances {

	private static final Logger log = LoggerFactory.getLogger(PortalInstances.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final InstancesProperties properties;

	private final Member self;

	PortalInstances(JdbcClient jdbc, TransactionTemplate transaction, InstancesProperties properties,
			Environment environment) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.properties = properties;
		this.self = new Member(UUID.randomUUID(), hostName(), ProcessHandle.current().pid(),
				perProcessParts(environment));
		transaction.executeWithoutResult(status -> join());
		log.info("Portal instance {} ({}:{}) joined", self.id(), self.host(), self.pid());
	}

	/**
	 * What of this instance's configuration lives in its process alone; empty when
	 * nothing does.
	 */
	static List<String> perProcessParts(Environment environment) {
		List<String> parts = new ArrayList<>();
		if ("lucene".equals(environment.getProperty("portal.search.backend", "lucene"))) {
			parts.add("portal.search.backend=lucene");
		}
		if ("local".equals(environment.getProperty("portal.gpu.launcher", "local"))) {
			parts.add("portal.gpu.launcher=local");
		}
		return parts;
	}

	private void join() {
		// Two instances starting at once must not both see an empty table.
		jdbc.sql("select pg_advisory_xact_lock(hashtext('portal_instance'))").query().singleRow();
		jdbc.sql("delete from portal_instance where heartbeat_at < now() - make_interval(secs => :stale)")
			.param("stale", properties.staleAfter().toSeconds())
			.update();
		List<Member> others = jdbc.sql("select id, host, pid, per_process from portal_instance")
			.query((rs, row) -> new Member(rs.getObject("id", UUID.class), rs.getString("host"), rs.getLong("pid"),
					parts(rs.getString("per_process"))))
			.list()
			.stream()
			.filter(other -> !other.sameProcessAs(self))
			.filter(this::alive)
			.toList();
		for (Member other : others) {
			if (!self.perProcess().isEmpty() || !other.perProcess().isEmpty()) {
				throw new SecondInstanceRefusedException(self, other);
			}
		}
		jdbc.sql("""
				insert into portal_instance (id, host, pid, started_at, heartbeat_at, per_process)
				values (:id, :host, :pid, now(), now(), :perProcess)""")
			.param("id", self.id())
			.param("host", self.host())
			.param("pid", self.pid())
			.param("perProcess", String.join(",", self.perProcess()))
			.update();
	}

	/**
	 * A process on this host that no longer exists died without leaving: its row is
	 * removed.
	 */
	private boolean alive(Member other) {
		if (other.host().equals(self.host()) && ProcessHandle.of(other.pid()).isEmpty()) {
			jdbc.sql("delete from portal_instance where id = :id").param("id", other.id()).update();
			return false;
		}
		return true;
	}

	@Scheduled(fixedDelayString = "${portal.instances.heartbeat-interval:PT10S}")
	void heartbeat() {
		int updated = jdbc.sql("update portal_instance set heartbeat_at = now() where id = :id")
			.param("id", self.id())
			.update();
		if (updated == 0) {
			// Taken for dead after a long pause (the heartbeat could not run): say so and
			// be counted again.
			log.warn("Portal instance {} had been taken for dead; registering it again", self.id());
			transaction.executeWithoutResult(status -> join());
		}
	}

	@PreDestroy
	void leave() {
		jdbc.sql("delete from portal_instance where id = :id").param("id", self.id()).update();
	}

	long liveInstances() {
		return jdbc
			.sql("select count(*) from portal_instance where heartbeat_at >= now() - make_interval(secs => :stale)")
			.param("stale", properties.staleAfter().toSeconds())
			.query(Long.class)
			.single();
	}

	private static List<String> parts(String column) {
		return column == null || column.isBlank() ? List.of() : List.of(column.split(","));
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

	record Member(UUID id, String host, long pid, List<String> perProcess) {

		boolean sameProcessAs(Member other) {
			return host.equals(other.host) && pid == other.pid;
		}

		@Override
		public String toString() {
			return host + " (pid " + pid + ")";
		}
	}

}
