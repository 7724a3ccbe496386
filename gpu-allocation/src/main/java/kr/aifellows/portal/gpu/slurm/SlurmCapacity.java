package kr.aifellows.portal.gpu.slurm;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import kr.aifellows.portal.gpu.ClusterCapacity;
import kr.aifellows.portal.gpu.LaunchException;

/** The cluster's partitions and nodes from scontrol, cached (see {@link #capacity()}). */
final class SlurmCapacity {

	private static final System.Logger LOG = System.getLogger(SlurmLauncher.class.getName());

	private final SlurmProperties properties;

	private final SlurmCommands commands;

	private volatile CachedCapacity capacity;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private record CachedCapacity(ClusterCapacity value, long takenAtNanos) {
	}

	SlurmCapacity(SlurmProperties properties, SlurmCommands commands) {
		this.properties = properties;
		this.commands = commands;
	}

	/**
	 * At 2,250 nodes scontrol alone takes 0.1 to 0.5 s, too slow for every view of the
	 * cluster page: a snapshot older than {@code capacity-cache-ttl} is still returned
	 * while one refresh runs in the background. Only the first call (or a TTL of zero)
	 * waits for Slurm.
	 */
	ClusterCapacity capacity() {
		var cached = capacity;
		if (cached == null || properties.capacityCacheTtl().isZero()) {
			synchronized (this) {
				cached = capacity;
				if (cached == null || properties.capacityCacheTtl().isZero()) {
					cached = loadCapacity();
					capacity = cached;
				}
				return cached.value();
			}
		}
		if (System.nanoTime() - cached.takenAtNanos() >= properties.capacityCacheTtl().toNanos()
				&& refreshing.compareAndSet(false, true)) {
			Thread.startVirtualThread(() -> {
				try {
					capacity = loadCapacity();
				}
				catch (RuntimeException ex) {
					LOG.log(System.Logger.Level.WARNING, "Could not refresh the Slurm cluster's capacity", ex);
				}
				finally {
					refreshing.set(false);
				}
			});
		}
		return cached.value();
	}

	private CachedCapacity loadCapacity() {
		var nodesRun = CompletableFuture.supplyAsync(
				() -> commands.run("scontrol", List.of("--oneliner", "show", "node")), Thread::startVirtualThread);
		var partitions = commands.run("scontrol", List.of("--oneliner", "show", "partition"));
		SlurmCommands.Result nodes;
		try {
			nodes = nodesRun.join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
		}
		if (!nodes.ok() || !partitions.ok()) {
			throw new LaunchException(
					"The Slurm cluster did not say what it has: " + (nodes.ok() ? partitions : nodes).errorMessage());
		}
		return new CachedCapacity(SlurmOutput.capacity(nodes.out(), partitions.out()), System.nanoTime());
	}

}
