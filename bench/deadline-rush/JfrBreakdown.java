import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the portal's CPU went during the rush: the CPU samples (jdk.ExecutionSample) of a
 * flight recording taken by run.sh with JFR=..., limited to the rush window (from the
 * first to the last CPU sample inside an upload), each sample put into the first category
 * whose package or class appears in its stack (leaf first); then the database round trips
 * of 10 ms or more in that window, by the portal method that waited.
 *
 * <p>
 * Usage: java bench/deadline-rush/JfrBreakdown.java recording.jfr
 */
public class JfrBreakdown {

	/** Checked in this order against every frame of a sample's stack, leaf first. */
	static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();
	static {
		CATEGORIES.put("password hashing (BCrypt, login)", List.of("org.springframework.security.crypto.bcrypt"));
		CATEGORIES.put("PDF text extraction (PDFBox)", List.of("org.apache.pdfbox", "org.apache.fontbox"));
		CATEGORIES.put("DOCX (POI)", List.of("org.apache.poi", "org.apache.xmlbeans"));
		CATEGORIES.put("type detection (Tika)", List.of("org.apache.tika"));
		CATEGORIES.put("SHA-256", List.of("sun.security.provider.SHA2", "java.security.MessageDigest",
				"sun.security.provider.DigestBase"));
		CATEGORIES.put("multipart parsing (Tomcat)", List.of("org.apache.tomcat.util.http.fileupload"));
		CATEGORIES.put("staging / storing the file", List.of("kr.aifellows.portal.portfolios.FileStore"));
		CATEGORIES.put("search indexing (Lucene)", List.of("org.apache.lucene", "kr.aifellows.portal.search"));
		CATEGORIES.put("page rendering (Thymeleaf)", List.of("org.thymeleaf"));
		CATEGORIES.put("event publication registry (Modulith)", List.of("org.springframework.modulith"));
		CATEGORIES.put("JPA / Hibernate", List.of("org.hibernate"));
		CATEGORIES.put("JDBC driver / pool", List.of("org.postgresql", "com.zaxxer.hikari"));
		CATEGORIES.put("Spring Security filters", List.of("org.springframework.security"));
		CATEGORIES.put("Tomcat / HTTP", List.of("org.apache.tomcat", "org.apache.coyote", "org.apache.catalina"));
		CATEGORIES.put("other portal code", List.of("kr.aifellows.portal"));
	}

	public static void main(String[] args) throws Exception {
		Path recording = Path.of(args[0]);
		Instant from = null;
		Instant to = null;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent e = file.readEvent();
				if (isSample(e) && inStack(e, "ApplicationController.upload")) {
					from = from == null || e.getStartTime().isBefore(from) ? e.getStartTime() : from;
					to = to == null || e.getStartTime().isAfter(to) ? e.getStartTime() : to;
				}
			}
		}
		Map<String, Integer> counts = new TreeMap<>();
		int total = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent e = file.readEvent();
				if (isSample(e) && !e.getStartTime().isBefore(from) && !e.getStartTime().isAfter(to)) {
					total++;
					counts.merge(category(e), 1, Integer::sum);
				}
			}
		}
		System.out.printf("CPU samples of the portal JVM from the first to the last upload (%.1f s): %d%n",
				Duration.between(from, to).toMillis() / 1000.0, total);
		int all = total;
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(16)
			.forEach(e -> System.out.printf("  %-42s %6d  %5.1f%%%n", e.getKey(), e.getValue(),
					100.0 * e.getValue() / all));
		databaseWaits(recording, from, to);
		parkedWaits(recording, from, to);
	}

	/** Threads parked 10 ms or more (jdk.ThreadPark), by what they waited for. */
	static void parkedWaits(Path recording, Instant from, Instant to) throws IOException {
		Map<String, long[]> waits = new TreeMap<>();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent e = file.readEvent();
				if (!e.getEventType().getName().equals("jdk.ThreadPark") || e.getStartTime().isBefore(from)
						|| e.getStartTime().isAfter(to) || e.getStackTrace() == null) {
					continue;
				}
				String site = e.getStackTrace()
					.getFrames()
					.stream()
					.map(JfrBreakdown::name)
					.filter(n -> n.startsWith("kr.aifellows") || n.startsWith("com.zaxxer")
							|| n.startsWith("org.apache") || n.startsWith("org.springframework"))
					.findFirst()
					.orElse("(JDK)");
				long[] w = waits.computeIfAbsent(site, k -> new long[2]);
				w[0]++;
				w[1] += e.getDuration().toMillis();
			}
		}
		System.out.println("Threads parked 10 ms or more (jdk.ThreadPark), by the first library or portal frame:");
		waits.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.limit(8)
			.forEach(
					e -> System.out.printf("  %-80s %6d waits %8d ms%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
	}

	static boolean isSample(RecordedEvent e) {
		return e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null;
	}

	/**
	 * Database round trips of 10 ms or more (jdk.SocketRead), by the portal method that
	 * waited.
	 */
	static void databaseWaits(Path recording, Instant from, Instant to) throws IOException {
		Map<String, long[]> waits = new TreeMap<>();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent e = file.readEvent();
				if (!e.getEventType().getName().equals("jdk.SocketRead") || e.getStartTime().isBefore(from)
						|| e.getStartTime().isAfter(to) || e.getStackTrace() == null) {
					continue;
				}
				String site = e.getStackTrace()
					.getFrames()
					.stream()
					.map(JfrBreakdown::name)
					.filter(n -> n.startsWith("kr.aifellows") || n.startsWith("org.springframework.modulith"))
					.findFirst()
					.orElseGet(() -> "(outside portal code) " + e.getStackTrace()
						.getFrames()
						.stream()
						.map(JfrBreakdown::name)
						.filter(n -> !n.startsWith("java.") && !n.startsWith("sun.") && !n.startsWith("jdk.")
								&& !n.startsWith("org.postgresql"))
						.findFirst()
						.orElse("?"));
				long[] w = waits.computeIfAbsent(site, k -> new long[2]);
				w[0]++;
				w[1] += e.getDuration().toMillis();
			}
		}
		System.out.println("Database waits of 10 ms or more (jdk.SocketRead), by the portal method waiting:");
		waits.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.limit(15)
			.forEach(
					e -> System.out.printf("  %-80s %6d waits %8d ms%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
	}

	static boolean inStack(RecordedEvent sample, String method) {
		return sample.getStackTrace().getFrames().stream().anyMatch(f -> name(f).contains(method));
	}

	static String category(RecordedEvent sample) {
		for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
			String name = name(frame);
			for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
				if (category.getValue().stream().anyMatch(name::startsWith)) {
					return category.getKey();
				}
			}
		}
		return "JDK / other (" + name(sample.getStackTrace().getFrames().get(0)) + ")";
	}

	static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
