package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the launcher reads off the host: its GPUs, its uid, user and group names, its hostname. */
final class HostFacts {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	private HostFacts() {
	}

	/** Runs a short command and returns its output, or null when it fails. */
	static String run(List<String> command) {
		if (command.isEmpty()) {
			return null;
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return null;
			}
			return process.exitValue() == 0 ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** GPUs from nvidia-smi, with their device minor numbers; empty when there is no NVIDIA driver. */
	static List<GpuDevice> nvidiaGpus(String nvidiaSmi) {
		String output = run(List.of(nvidiaSmi, "--query-gpu=index,uuid,name,pci.bus_id", "--format=csv,noheader"));
		if (output == null) {
			return List.of();
		}
		List<GpuDevice> found = new ArrayList<>();
		for (String line : output.split("\n")) {
			String[] fields = line.split(",\\s*");
			if (fields.length < 4) {
				continue;
			}
			try {
				int index = Integer.parseInt(fields[0].strip());
				found.add(new GpuDevice(index, minorNumber(fields[3].strip(), index), fields[1].strip(), fields[2].strip()));
			}
			catch (NumberFormatException ex) {
				log.debug("Unexpected nvidia-smi line {}", line);
			}
		}
		return found;
	}

	private static int minorNumber(String busId, int fallback) {
		String id = busId.toLowerCase();
		if (id.length() > 12) {
			id = id.substring(id.length() - 12);
		}
		Path information = Path.of("/proc/driver/nvidia/gpus", id, "information");
		try {
			for (String line : Files.readAllLines(information)) {
				if (line.startsWith("Device Minor:")) {
					return Integer.parseInt(line.substring("Device Minor:".length()).strip());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Older drivers: the minor number is usually the index.
		}
		return fallback;
	}

	static long currentUid() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux.
		}
		return -1;
	}

	/** The name of an id in /etc/passwd or /etc/group, or the number when it has none. */
	static String nameOf(Path database, int id) {
		try (var lines = Files.lines(database)) {
			return lines.map(line -> line.split(":", 4))
				.filter(fields -> fields.length >= 3 && fields[2].equals(Integer.toString(id))
						&& fields[0].matches("[a-z_][a-z0-9_-]*"))
				.map(fields -> fields[0])
				.findFirst()
				.orElse(Integer.toString(id));
		}
		catch (IOException | UncheckedIOException ex) {
			return Integer.toString(id);
		}
	}

	static String hostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

}
