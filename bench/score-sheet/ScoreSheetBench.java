import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import kr.aifellows.portal.exports.ScoreSheetWorkbook;
import kr.aifellows.portal.review.decisions.ScoreSheet;

/**
 * Score-sheet export benchmark: writes the three-sheet workbook for N applications (4
 * reviews each, N / 10 reviewers) with the portal's streaming writer and reports wall
 * time, peak heap and file size. The lines are generated lazily, as the database pages
 * would feed them. Usage: java -Xmx128m ... ScoreSheetBench.java [applications]
 * [output.xlsx]
 */
public class ScoreSheetBench {

	public static void main(String[] args) throws Exception {
		int applications = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		Path output = Path.of(args.length > 1 ? args[1] : "target/score-sheet-bench.xlsx");
		int reviewsPer = 4;
		int reviewers = Math.max(10, applications / 10);
		// Warm-up on a small sheet so that class loading is not timed.
		write(sheet(200, reviewsPer, 20), Files.createTempFile("warmup", ".xlsx"));
		System.gc();
		resetPeaks();
		long start = System.nanoTime();
		long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		write(sheet(applications, reviewsPer, reviewers), output);
		long millis = (System.nanoTime() - start) / 1_000_000;
		// On a shared machine the wall time includes waiting for a core; the thread's CPU
		// time does not.
		long cpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
		System.out.printf(
				"applications=%d reviews=%d reviewers=%d wall_ms=%d cpu_ms=%d peak_heap_mb=%.1f max_heap_mb=%d file_kb=%d%n",
				applications, applications * reviewsPer, reviewers, millis, cpuMillis, peakHeapMb(),
				Runtime.getRuntime().maxMemory() / (1024 * 1024), Files.size(output) / 1024);
	}

	private static void write(ScoreSheet sheet, Path path) throws Exception {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
			ScoreSheetWorkbook.write(sheet, code -> code.substring(code.lastIndexOf('.') + 1), out);
		}
	}

	private static ScoreSheet sheet(int applications, int reviewsPer, int reviewers) {
		Iterable<ScoreSheet.ApplicationLine> apps = lazy(applications, i -> {
			Random random = new Random(i);
			double raw = 40 + random.nextDouble() * 50;
			return new ScoreSheet.ApplicationLine(i + 1, "AIF-2026-1-%06d".formatted(i + 1), "지원자" + i,
					"applicant" + i + "@example.org", "Proposal number " + i + " on efficient alignment", reviewsPer,
					raw, raw + random.nextGaussian() * 3, raw - 6, raw + 6, random.nextDouble() * 100,
					random.nextDouble() * 10, i % 10 == 0 ? "SELECTED" : "REJECTED", i % 10 == 0 ? 5_000L : null);
		});
		Iterable<ScoreSheet.ReviewLine> reviews = lazy(applications * reviewsPer, i -> {
			Random random = new Random(i);
			return new ScoreSheet.ReviewLine(i / reviewsPer + 1, "Reviewer " + (i % reviewers), true,
					List.of(1 + random.nextInt(5), 1 + random.nextInt(5), 1 + random.nextInt(5)),
					random.nextDouble() * 100, 1 + random.nextInt(5), "Comments to the applicant for review " + i,
					"Confidential note " + i);
		});
		Iterable<ScoreSheet.ReviewerLine> panel = lazy(reviewers, i -> new ScoreSheet.ReviewerLine("Reviewer " + i,
				applications * reviewsPer / reviewers, 60.0, i % 7 - 3.0));
		return new ScoreSheet(1, false, List.of("Research", "Plan", "Impact"), apps, reviews, panel);
	}

	private static <T> Iterable<T> lazy(int count, IntFunction<T> line) {
		return () -> new Iterator<>() {
			private int next;

			@Override
			public boolean hasNext() {
				return next < count;
			}

			@Override
			public T next() {
				return line.apply(next++);
			}
		};
	}

	private static void resetPeaks() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static double peakHeapMb() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024.0 * 1024.0);
	}

}
