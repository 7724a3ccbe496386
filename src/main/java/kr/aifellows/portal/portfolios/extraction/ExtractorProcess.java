package kr.aifellows.portal.portfolios.extraction;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warm child JVM that extracts text (see {@link ExtractorMain}), started on first use
 * and reused for many files so that JVM start-up is not paid per file. It runs under
 * {@code nice}, so that a backlog of extractions yields the CPU to request threads. An
 * extraction that outlives the timeout is ended by killing the child (and anything it
 * started) with {@code destroyForcibly}: no thread of the portal is left occupied by a
 * parser that ignores interruption. The next file gets a fresh child. Not thread-safe:
 * each worker thread owns one.
 */
public final class ExtractorProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ExtractorProcess.class);

	private static final String END_OF_STREAM = "\u0000eof";

	private static final Duration START_UP_LIMIT = Duration.ofSeconds(60);

	private final Settings settings;

	/**
	 * The failure of a child that could not be started: the file is tried again later.
	 */
	public static final String UNAVAILABLE = "unavailable";

	private Process process;

	private Writer requests;

	private BlockingQueue<String> answers;

	private int served;

	public ExtractorProcess(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Extracts the text of one file, within the timeout.
	 * @param type {@code PDF} or {@code DOCX}
	 */
	public Outcome extract(Path file, String type) throws InterruptedException {
		Path output = null;
		try {
			if (!ensureRunning()) {
				return Outcome.failed(UNAVAILABLE);
			}
			output = Files.createTempFile("aifellows-text", ".txt");
			requests.write("EXTRACT\t" + type + "\t" + file + "\t" + output + "\t" + settings.maxCharacters() + "\n");
			requests.flush();
			String answer = answers.poll(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
			if (answer == null) {
				log.warn("Text extraction of {} ran past {}; killing the extractor process {}", file.getFileName(),
						settings.timeout(), process.pid());
				kill();
				return Outcome.failed("timeout");
			}
			if (END_OF_STREAM.equals(answer)) {
				kill();
				return Outcome.failed("crashed");
			}
			if (++served >= settings.filesPerChild()) {
				close();
			}
			return "DONE".equals(answer) ? new Outcome(Files.readString(output, StandardCharsets.UTF_8), null)
					: Outcome.failed(answer.substring(answer.indexOf('\t') + 1));
		}
		catch (IOException ex) {
			log.warn("The text extractor process failed", ex);
			kill();
			return Outcome.failed("crashed");
		}
		finally {
			if (output != null) {
				try {
					Files.deleteIfExists(output);
				}
				catch (IOException ignored) {
					// a temporary file; the OS cleans its temp directory
				}
			}
		}
	}

	/** The child's process id, or -1 when none runs (for tests and logs). */
	public long pid() {
		return process != null && process.isAlive() ? process.pid() : -1;
	}

	/**
	 * @return false when no child could be started (the file is not to blame; try it
	 * later)
	 */
	private boolean ensureRunning() throws IOException, InterruptedException {
		if (process != null && process.isAlive()) {
			return true;
		}
		kill();
		ProcessBuilder builder = new ProcessBuilder(command(settings)).redirectError(ProcessBuilder.Redirect.INHERIT);
		process = builder.start();
		served = 0;
		requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		BlockingQueue<String> queue = new LinkedBlockingQueue<>();
		answers = queue;
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		Thread.ofVirtual().name("text-extractor-reader-" + process.pid()).start(() -> {
			try (reader) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					queue.add(line);
				}
			}
			catch (IOException closed) {
				// the child was killed
			}
			queue.add(END_OF_STREAM);
		});
		// Start-up (class loading from the jar) is not part of any file's timeout.
		String ready = queue.poll(START_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		if (!"READY".equals(ready)) {
			log.error("The text extractor process did not start (command {}); extraction waits", command(settings));
			kill();
			return false;
		}
		log.debug("Started text extractor process {}", process.pid());
		return true;
	}

	private void kill() {
		if (process == null) {
			return;
		}
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		process = null;
	}

	/**
	 * Ends the child: politely (end of its input) and, if it does not leave at once, by
	 * force.
	 */
	@Override
	public void close() {
		if (process == null) {
			return;
		}
		try {
			requests.close();
			process.waitFor(2, TimeUnit.SECONDS);
		}
		catch (IOException | InterruptedException ex) {
			// killed below
		}
		kill();
	}

	static List<String> command(Settings settings) {
		List<String> command = new ArrayList<>();
		if (settings.nice() > 0 && Files.isExecutable(Path.of("/usr/bin/nice"))) {
			command.addAll(List.of("/usr/bin/nice", "-n", Integer.toString(settings.nice())));
		}
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + settings.heapMegabytes() + "m");
		command.addAll(List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:CICompilerCount=2", "-Xss8m",
				"-Djava.awt.headless=true"));
		if (!settings.hangMarker().isEmpty()) {
			command.add("-D" + ExtractorMain.HANG_MARKER + "=" + settings.hangMarker());
		}
		String classPath = System.getProperty("java.class.path");
		if (isBootJar(classPath)) {
			// Run from the portal's executable jar: its launcher puts BOOT-INF/lib on the
			// class path.
			command.addAll(List.of("-cp", classPath, "-Dloader.main=" + ExtractorMain.class.getName(),
					"org.springframework.boot.loader.launch.PropertiesLauncher"));
		}
		else {
			command.addAll(List.of("-cp", classPath, ExtractorMain.class.getName()));
		}
		return command;
	}

	private static boolean isBootJar(String classPath) {
		if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
			return false;
		}
		try (ZipFile jar = new ZipFile(classPath)) {
			return jar.getEntry("BOOT-INF/classes/") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * @param timeout how long one file may take before the child is killed
	 * @param heapMegabytes the child's maximum heap
	 * @param nice the child's scheduling niceness (0: as the portal)
	 * @param filesPerChild after how many files a child is replaced by a fresh one
	 * @param maxCharacters how much text is kept per file
	 * @param hangMarker test hook (empty in production): text containing it makes the
	 * child spin
	 */
	public record Settings(Duration timeout, int heapMegabytes, int nice, int filesPerChild, int maxCharacters,
			String hangMarker) {
	}

	/**
	 * @param text the extracted text, null when it failed
	 * @param failure why it failed: {@code timeout}, {@code crashed}, {@code encrypted},
	 * {@code zipBomb}, {@code unreadable}
	 */
	public record Outcome(String text, String failure) {

		static Outcome failed(String reason) {
			return new Outcome(null, reason);
		}

		public boolean succeeded() {
			return failure == null;
		}
	}

}
