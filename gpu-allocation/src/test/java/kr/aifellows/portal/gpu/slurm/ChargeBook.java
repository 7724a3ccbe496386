package kr.aifellows.portal.gpu.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.gpu.JobLauncher;

/**
 * A stand-in for the portal's ledger in the crash tests: the jobs the portal launched
 * (its journal) and one CHARGE per job, idempotent by the portal's job id, both in files
 * that survive a kill -9. The real ledger gets the same guarantee from a unique (job,
 * CHARGE) row.
 */
final class ChargeBook {

	record Launched(long jobId, String externalId, int gpus) {
	}

	record Charge(long jobId, String externalId, long gpuSeconds) {
	}

	private final Path journal;

	private final Path charges;

	ChargeBook(Path directory) {
		this.journal = directory.resolve("launched.txt");
		this.charges = directory.resolve("charges.txt");
	}

	void launched(Launched job) {
		append(journal, job.jobId() + " " + job.externalId() + " " + job.gpus());
	}

	List<Launched> launched() {
		return lines(journal).stream()
			.map(line -> line.split(" "))
			.map(f -> new Launched(Long.parseLong(f[0]), f[1], Integer.parseInt(f[2])))
			.toList();
	}

	/**
	 * Every charge line, duplicates included, so that a test can see whether any job was
	 * charged twice.
	 */
	List<Charge> chargeLines() {
		return lines(charges).stream()
			.map(line -> line.split(" "))
			.map(f -> new Charge(Long.parseLong(f[0]), f[1], Long.parseLong(f[2])))
			.toList();
	}

	Map<Long, Charge> charged() {
		var byJob = new LinkedHashMap<Long, Charge>();
		chargeLines().forEach(charge -> byJob.putIfAbsent(charge.jobId(), charge));
		return byJob;
	}

	/**
	 * Charges every launched job that has finished and is not charged yet; returns how
	 * many it charged.
	 */
	synchronized int reconcile(JobLauncher launcher) {
		var charged = charged();
		var open = launched().stream().filter(job -> !charged.containsKey(job.jobId())).toList();
		if (open.isEmpty()) {
			return 0;
		}
		var statuses = launcher.statuses(open.stream().map(Launched::externalId).toList());
		int count = 0;
		for (var job : open) {
			var status = statuses.get(job.externalId());
			if (status == null || !status.state().isFinished()) {
				continue;
			}
			var used = launcher.accounting(job.externalId()).orElseThrow();
			append(charges, job.jobId() + " " + job.externalId() + " " + used.gpuSeconds());
			count++;
		}
		return count;
	}

	/**
	 * Appends a whole line and forces it to disk; a line cut by a crash (no newline) is
	 * dropped on reading.
	 */
	private static void append(Path file, String line) {
		try (var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lines(Path file) {
		try {
			if (!Files.exists(file)) {
				return List.of();
			}
			var text = Files.readString(file);
			int end = text.lastIndexOf('\n');
			return end < 0 ? List.of() : text.substring(0, end).lines().filter(line -> !line.isBlank()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
