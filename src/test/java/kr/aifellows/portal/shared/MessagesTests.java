package kr.aifellows.portal.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message shown in Korean has its English counterpart and the other way round, so a
 * page never falls back to a raw key in either language.
 */
class MessagesTests {

	static Stream<String> bundles() {
		return Stream.of("messages", "messages-api", "messages-search", "messages-review", "messages-fellows");
	}

	@ParameterizedTest
	@MethodSource("bundles")
	void koreanAndEnglishBundlesHaveTheSameKeys(String bundle) throws IOException {
		Set<String> korean = keys(bundle + ".properties");
		Set<String> english = keys(bundle + "_en.properties");

		assertThat(difference(korean, english)).as("keys missing in %s_en.properties", bundle).isEmpty();
		assertThat(difference(english, korean)).as("keys missing in %s.properties", bundle).isEmpty();
	}

	private static Set<String> difference(Set<String> left, Set<String> right) {
		Set<String> result = new TreeSet<>(left);
		result.removeAll(right);
		return result;
	}

	private static Set<String> keys(String resource) throws IOException {
		try (InputStream in = MessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			Properties properties = new Properties();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			return new TreeSet<>(properties.stringPropertyNames());
		}
	}

}
