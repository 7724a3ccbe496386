package kr.aifellows.portal.system.cluster;

import java.time.Duration;
import java.util.UUID;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.system.BackgroundTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What several instances on one database rely on: an instance that keeps state in its own
 * process does not start beside another one, scheduled work is locked in the database,
 * and background progress is read from it.
 */
@PortalIntegrationTest
class ScaleOutTests {

	private static final InstancesProperties PROPERTIES = new InstancesProperties(Duration.ofSeconds(10),
			Duration.ofSeconds(30));

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	BackgroundTasks tasks;

	@AfterEach
	void removeOtherInstances() {
		jdbc.sql("delete from portal_instance where host like 'test-host-%'").update();
	}

	@Test
	void aSecondInstanceWithTheEmbeddedSearchIndexOrTheLocalLauncherRefusesToStartAndSaysWhatToConfigure() {
		otherInstance("test-host-a", 4242, "", Duration.ZERO);

		assertThatThrownBy(() -> instance("lucene", "slurm")).isInstanceOf(SecondInstanceRefusedException.class)
			.hasMessageContaining("test-host-a (pid 4242)")
			.hasMessageContaining("portal.search.backend=elasticsearch");
		assertThatThrownBy(() -> instance("elasticsearch", "local")).isInstanceOf(SecondInstanceRefusedException.class)
			.hasMessageContaining("portal.gpu.launcher=slurm")
			.hasMessageNotContaining("Lucene");
	}

	@Test
	void instancesOnElasticsearchAndSlurmShareTheDatabaseAndLeaveWhenTheyStop() {
		otherInstance("test-host-a", 4242, "", Duration.ZERO);

		PortalInstances scaledOut = instance("elasticsearch", "slurm");

		assertThat(count("test-host-a")).isEqualTo(1);
		long before = scaledOut.liveInstances();
		scaledOut.leave();
		assertThat(scaledOut.liveInstances()).isEqualTo(before - 1);
	}

	@Test
	void anInstanceOnElasticsearchAndSlurmIsRefusedBesideOneThatUsesTheEmbeddedIndex() {
		otherInstance("test-host-a", 4242, "portal.search.backend=lucene", Duration.ZERO);

		assertThatThrownBy(() -> instance("elasticsearch", "slurm")).isInstanceOf(SecondInstanceRefusedException.class)
			.hasMessageContaining("portal.search.backend=lucene");
	}

	@Test
	void anInstanceWhoseHeartbeatStoppedOrWhoseProcessOnThisHostIsGoneDoesNotCount() {
		otherInstance("test-host-silent", 4242, "portal.search.backend=lucene", Duration.ofSeconds(31));
		String thisHost = jdbc.sql("select host from portal_instance where pid = :pid")
			.param("pid", ProcessHandle.current().pid())
			.query(String.class)
			.list()
			.getFirst();
		long gonePid = Long.MAX_VALUE - 1;
		otherInstance(thisHost, gonePid, "portal.gpu.launcher=local", Duration.ZERO);

		PortalInstances restarted = instance("lucene", "local");

		assertThat(count("test-host-silent")).as("the silent instance was removed").isZero();
		assertThat(jdbc.sql("select count(*) from portal_instance where pid = :pid")
			.param("pid", gonePid)
			.query(Long.class)
			.single()).as("the dead process on this host was removed").isZero();
		restarted.leave();
	}

	@Test
	void scheduledWorkTakesItsLockInTheDatabase() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(jdbc.sql("select name from shedlock").query(String.class).list())
				.contains("gpu-reconcile", "gpu-expiry"));
	}

	@Test
	void anExclusiveBackgroundTaskRunsOnceAcrossInstancesAndOneWhoseInstanceStoppedReadsAsInterrupted() {
		String kind = "test-" + UUID.randomUUID().toString().substring(0, 8);
		BackgroundTasks.Task first = tasks.startExclusive(kind, 10, "chair@test").orElseThrow();
		tasks.progress(first.id(), 4, 10);

		assertThat(tasks.startExclusive(kind, 10, "chair@test")).as("refused while the first runs").isEmpty();
		assertThat(tasks.find(first.id()).orElseThrow()).satisfies(task -> {
			assertThat(task.running()).isTrue();
			assertThat(task.done()).isEqualTo(4);
		});

		jdbc.sql("update background_task set updated_at = now() - interval '3 minutes' where id = :id")
			.param("id", first.id())
			.update();
		assertThat(tasks.find(first.id()).orElseThrow()).satisfies(task -> {
			assertThat(task.state()).isEqualTo(BackgroundTasks.State.FAILED);
			assertThat(task.error()).isEqualTo("interrupted");
		});
		BackgroundTasks.Task second = tasks.startExclusive(kind, 10, "chair@test").orElseThrow();
		tasks.finish(second.id(), 10, "done");
		assertThat(tasks.latest(kind).orElseThrow()).satisfies(task -> {
			assertThat(task.id()).isEqualTo(second.id());
			assertThat(task.state()).isEqualTo(BackgroundTasks.State.DONE);
			assertThat(task.result()).isEqualTo("done");
		});
	}

	private PortalInstances instance(String searchBackend, String launcher) {
		MockEnvironment environment = new MockEnvironment().withProperty("portal.search.backend", searchBackend)
			.withProperty("portal.gpu.launcher", launcher);
		return new PortalInstances(jdbc, transaction, PROPERTIES, environment);
	}

	private void otherInstance(String host, long pid, String perProcess, Duration silentFor) {
		jdbc.sql("""
				insert into portal_instance (id, host, pid, started_at, heartbeat_at, per_process)
				values (:id, :host, :pid, now(), now() - make_interval(secs => :silent), :perProcess)""")
			.param("id", UUID.randomUUID())
			.param("host", host)
			.param("pid", pid)
			.param("silent", silentFor.toSeconds())
			.param("perProcess", perProcess)
			.update();
	}

	private long count(String host) {
		return jdbc.sql("select count(*) from portal_instance where host = :host")
			.param("host", host)
			.query(Long.class)
			.single();
	}

}
