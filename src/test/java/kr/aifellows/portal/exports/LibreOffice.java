package kr.aifellows.portal.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens a workbook the way a user's office suite would: LibreOffice converts every sheet
 * to CSV. Without LibreOffice the test is skipped locally and fails in CI
 * ({@code CI=true}), where .ci/run installs it.
 */
final class LibreOffice {

	private LibreOffice() {
	}

	static void requireInstalled() {
		boolean installed = Stream.of("/usr/bin/libreoffice", "/usr/bin/soffice")
			.anyMatch(p -> Files.isExecutable(Path.of(p)));
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(installed).as("LibreOffice must be installed in CI (.ci/run installs libreoffice-calc-nogui)")
				.isTrue();
		}
		Assumptions.assumeTrue(installed, "LibreOffice is not installed");
	}

	/**
	 * @return each sheet's rows (cells split on commas, quotes honoured), by sheet name
	 */
	static Map<String, List<List<String>>> sheetsAsCsv(byte[] xlsx) throws IOException, InterruptedException {
		requireInstalled();
		Path dir = Files.createTempDirectory("lo-csv");
		Path input = dir.resolve("book.xlsx");
		Files.write(input, xlsx);
		Path profile = Files.createTempDirectory("lo-profile");
		// Filter options: comma, double quote, UTF-8, first line 1, ..., sheet -1 = every
		// sheet to its own file.
		Process process = new ProcessBuilder("libreoffice", "-env:UserInstallation=" + profile.toUri(), "--headless",
				"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
				"--outdir", dir.toString(), input.toString())
			.redirectErrorStream(true)
			.start();
		String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("LibreOffice finished: " + log).isTrue();
		assertThat(process.exitValue()).as(log).isZero();
		Map<String, List<List<String>>> sheets = new TreeMap<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path csv : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
				String name = csv.getFileName().toString().replaceFirst("^book-?", "").replaceFirst("\\.csv$", "");
				List<List<String>> rows = new ArrayList<>();
				for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
					rows.add(parse(line));
				}
				sheets.put(name, rows);
			}
		}
		return sheets;
	}

	private static List<String> parse(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells;
	}

}
