package kr.aifellows.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(PortalApplication.class);

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersPublicApi() {
		modules.verify();
	}

	@Test
	void everyPlannedModuleExists() {
		assertThat(modules.stream().map(module -> module.getIdentifier().toString())).contains("accounts", "portfolios",
				"review", "fellows", "exports", "system", "shared", "gpu", "search");
	}

	/**
	 * The module map under docs/modules is generated from the code (Spring Modulith's
	 * Documenter); it must match what the code says now.
	 * {@code -Dmodules.docs.update=true} writes it afresh.
	 */
	@Test
	void theModuleMapInDocsIsWhatTheCodeSays() {
		Path docs = Path.of("docs/modules");
		boolean update = Boolean.getBoolean("modules.docs.update");
		Path generated = update ? docs : Path.of("target/modules-docs");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString()))
			.writeDocumentation();
		assertThat(files(docs)).as("docs/modules is stale: run the tests with -Dmodules.docs.update=true")
			.isEqualTo(files(generated));
	}

	private static Map<String, String> files(Path folder) {
		Map<String, String> files = new TreeMap<>();
		if (!Files.isDirectory(folder)) {
			return files;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.filter(Files::isRegularFile).toList()) {
				// The Documenter lists relations and listeners in no fixed order: compare
				// the lines, not their order (a table cell's first item is marked "|*").
				files.put(folder.relativize(path).toString(),
						String.join("\n",
								Files.readAllLines(path)
									.stream()
									.map(line -> line.replaceFirst("^\\|\\* ", "* "))
									.sorted()
									.toList()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

}
