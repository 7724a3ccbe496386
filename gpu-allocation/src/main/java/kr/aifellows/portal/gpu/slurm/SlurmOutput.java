package kr.aifellows.portal.gpu.slurm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import kr.aifellows.portal.gpu.ClusterCapacity;
import kr.aifellows.portal.gpu.JobState;

/**
 * Reads what Slurm's commands print with the explicit formats the launcher asks for.
 */
final class SlurmOutput {

	/** squeue's format: {@code %i|%T|%S|%e|%N|%r|%b}. */
	static final String SQUEUE_FORMAT = "%i|%T|%S|%e|%N|%r|%b";

	/**
	 * sacct's fields (with {@code --parsable2}); WorkDir last, as a path is the one that
	 * could hold odd characters.
	 */
	static final String SACCT_FORMAT = "JobIDRaw,State,Start,End,ExitCode,ElapsedRaw,AllocTRES,NodeList,Reason,TotalCPU,MaxRSS,WorkDir";

	private SlurmOutput() {
	}

	/** A job as squeue shows it. */
	record QueueRow(String jobId, String state, Instant start, Instant end, String nodes, String reason,
			String tresPerNode) {
	}

	/** A job's allocation line from sacct, with the peak memory of its steps. */
	record AccountRow(String jobId, String state, Instant start, Instant end, Integer exitCode, long elapsedSeconds,
			int gpus, String nodes, String reason, long cpuSeconds, long peakMemoryBytes, String workDir) {
	}

	static List<QueueRow> parseQueue(String out) {
		var rows = new ArrayList<QueueRow>();
		for (var line : out.split("\n")) {
			var f = line.split("\\|", 7);
			if (f.length < 7 || f[0].isBlank()) {
				continue;
			}
			rows.add(new QueueRow(f[0].strip(), f[1].strip(), time(f[2]), time(f[3]), f[4].strip(), f[5].strip(),
					f[6].strip()));
		}
		return rows;
	}

	/**
	 * Allocation rows by job id; step rows (id.batch, id.extern, id.0) only add their
	 * peak memory.
	 */
	static Map<String, AccountRow> parseAccounting(String out) {
		var rows = new LinkedHashMap<String, AccountRow>();
		var peaks = new LinkedHashMap<String, Long>();
		for (var line : out.split("\n")) {
			var f = line.split("\\|", 12);
			if (f.length < 12 || f[0].isBlank()) {
				continue;
			}
			var id = f[0].strip();
			var dot = id.indexOf('.');
			if (dot >= 0) {
				peaks.merge(id.substring(0, dot), bytes(f[10]), Math::max);
				continue;
			}
			var nodes = f[7].strip();
			// A job cancelled while it waited has Start = End in sacct, but it never ran
			// anywhere.
			boolean ran = !nodes.isEmpty() && !"None assigned".equals(nodes);
			rows.put(id,
					new AccountRow(id, f[1].strip(), ran ? time(f[2]) : null, time(f[3]), exitCode(f[4]),
							ran ? longOr(f[5], 0) : 0, gpus(f[6]), ran ? nodes : "", f[8].strip(), duration(f[9]),
							bytes(f[10]), f[11].strip()));
		}
		peaks.forEach((id, peak) -> rows.computeIfPresent(id,
				(key, row) -> row.peakMemoryBytes() >= peak ? row
						: new AccountRow(row.jobId(), row.state(), row.start(), row.end(), row.exitCode(),
								row.elapsedSeconds(), row.gpus(), row.nodes(), row.reason(), row.cpuSeconds(), peak,
								row.workDir())));
		return rows;
	}

	/**
	 * Slurm's job states (squeue's long names, sacct's names such as "CANCELLED by 0") as
	 * the portal's.
	 */
	static JobState state(String slurmState) {
		var name = slurmState.strip();
		var space = name.indexOf(' ');
		if (space > 0) {
			name = name.substring(0, space);
		}
		return switch (name) {
			case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "CONFIGURING" ->
				JobState.QUEUED;
			case "RUNNING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "RESIZING" ->
				JobState.RUNNING;
			case "COMPLETED" -> JobState.COMPLETED;
			case "CANCELLED", "REVOKED" -> JobState.CANCELLED;
			case "TIMEOUT", "DEADLINE" -> JobState.TIMED_OUT;
			case "BOOT_FAIL" -> JobState.LAUNCH_FAILED;
			// FAILED, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED, SPECIAL_EXIT and anything
			// newer
			default -> JobState.FAILED;
		};
	}

	/**
	 * "3:0" is exit code 3; "0:15" (killed by signal 15) is 128 + 15, as a shell reports
	 * it.
	 */
	static Integer exitCode(String value) {
		var parts = value.strip().split(":");
		if (parts.length != 2) {
			return null;
		}
		try {
			int code = Integer.parseInt(parts[0]);
			int signal = Integer.parseInt(parts[1]);
			return signal != 0 ? 128 + signal : code;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The GPU count in a TRES list such as {@code billing=1,cpu=1,gres/gpu=2,node=1}; 0
	 * when none.
	 */
	static int gpus(String tres) {
		int from = 0;
		while (true) {
			int at = tres.indexOf("gres/gpu=", from);
			if (at < 0) {
				return 0;
			}
			if (at == 0 || tres.charAt(at - 1) == ',') {
				int start = at + 9;
				int end = start;
				while (end < tres.length() && Character.isDigit(tres.charAt(end))) {
					end++;
				}
				return end > start ? Integer.parseInt(tres, start, end, 10) : 0;
			}
			from = at + 1;
		}
	}

	/**
	 * The GPUs in a node's Gres, such as {@code gpu:8},
	 * {@code gpu:a100:4(S:0),gpu:v100:4(S:1)}; 0 for (null).
	 */
	static int gresGpus(String gres) {
		var plain = gres.replaceAll("\\([^)]*\\)", "");
		int count = 0;
		for (var entry : plain.split(",")) {
			if (!entry.startsWith("gpu:")) {
				continue;
			}
			var last = entry.substring(entry.lastIndexOf(':') + 1);
			if (!last.isEmpty() && last.chars().allMatch(Character::isDigit)) {
				count += Integer.parseInt(last);
			}
		}
		return count;
	}

	/**
	 * A Slurm time of day ({@code 2026-11-28T04:25:24}, local time); null for Unknown,
	 * None, N/A.
	 */
	static Instant time(String value) {
		var text = value.strip();
		if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
			return null;
		}
		try {
			return LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * A Slurm duration ({@code [D-][HH:]MM:SS[.mmm]}) in whole seconds; -1 when empty or
	 * UNLIMITED.
	 */
	static long duration(String value) {
		var text = value.strip();
		if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
			return -1;
		}
		long days = 0;
		int dash = text.indexOf('-');
		if (dash > 0) {
			days = Long.parseLong(text.substring(0, dash));
			text = text.substring(dash + 1);
		}
		var parts = text.split(":");
		double seconds = Double.parseDouble(parts[parts.length - 1]);
		long minutes = parts.length >= 2 ? Long.parseLong(parts[parts.length - 2]) : 0;
		long hours = parts.length >= 3 ? Long.parseLong(parts[parts.length - 3]) : 0;
		return days * 86_400 + hours * 3_600 + minutes * 60 + (long) seconds;
	}

	/** A Slurm memory size ({@code 1234K}, {@code 50M}, {@code 1.5G}); -1 when empty. */
	static long bytes(String value) {
		var text = value.strip();
		if (text.isEmpty()) {
			return -1;
		}
		long unit = switch (Character.toUpperCase(text.charAt(text.length() - 1))) {
			case 'K' -> 1L << 10;
			case 'M' -> 1L << 20;
			case 'G' -> 1L << 30;
			case 'T' -> 1L << 40;
			default -> 1;
		};
		var number = unit == 1 ? text : text.substring(0, text.length() - 1);
		try {
			return (long) (Double.parseDouble(number) * unit);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static long longOr(String value, long fallback) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/**
	 * The cluster from {@code scontrol show node -o} and
	 * {@code scontrol show partition -o}: one line per node or partition,
	 * {@code Key=Value} pairs separated by spaces. Only the keys read here matter, so
	 * values with spaces elsewhere on the line (OS=, Reason=) do no harm.
	 */
	static ClusterCapacity capacity(String nodesOut, String partitionsOut) {
		var nodes = new ArrayList<ClusterCapacity.Node>();
		var totals = new LinkedHashMap<String, int[]>();
		forEachLine(nodesOut, line -> {
			var name = value(line, "NodeName=");
			if (name == null) {
				return;
			}
			var partitions = orEmpty(value(line, "Partitions="));
			int total = gpus(orEmpty(value(line, "CfgTRES=")));
			if (total == 0) {
				// CfgTRES counts GPUs only where AccountingStorageTRES has gres/gpu
				total = gresGpus(orEmpty(value(line, "Gres=")));
			}
			int allocated = gpus(orEmpty(value(line, "AllocTRES=")));
			nodes.add(new ClusterCapacity.Node(name, partitions, orEmpty(value(line, "State=")), total, allocated));
			int from = 0;
			while (from < partitions.length()) {
				int comma = partitions.indexOf(',', from);
				int end = comma < 0 ? partitions.length() : comma;
				var sums = totals.computeIfAbsent(partitions.substring(from, end), key -> new int[3]);
				sums[0]++;
				sums[1] += total;
				sums[2] += allocated;
				from = end + 1;
			}
		});
		var partitions = new ArrayList<ClusterCapacity.Partition>();
		forEachLine(partitionsOut, line -> {
			var name = value(line, "PartitionName=");
			if (name == null) {
				return;
			}
			var sums = totals.getOrDefault(name, new int[3]);
			partitions.add(new ClusterCapacity.Partition(name, sums[0], sums[1], sums[2],
					duration(orEmpty(value(line, "MaxTime=")))));
		});
		return new ClusterCapacity(List.copyOf(partitions), List.copyOf(nodes));
	}

	private static void forEachLine(String text, Consumer<String> action) {
		int from = 0;
		while (from < text.length()) {
			int end = text.indexOf('\n', from);
			if (end < 0) {
				end = text.length();
			}
			if (end > from) {
				action.accept(text.substring(from, end));
			}
			from = end + 1;
		}
	}

	/**
	 * The value of {@code key} (which ends with '=') where it starts a word on the line.
	 */
	static String value(String line, String key) {
		int from = 0;
		while (true) {
			int at = line.indexOf(key, from);
			if (at < 0) {
				return null;
			}
			if (at == 0 || line.charAt(at - 1) == ' ') {
				int start = at + key.length();
				int end = line.indexOf(' ', start);
				return line.substring(start, end < 0 ? line.length() : end);
			}
			from = at + 1;
		}
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

}
