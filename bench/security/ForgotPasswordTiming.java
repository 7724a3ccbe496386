import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times POST /password/forgot for a registered address and for unregistered ones (a fresh
 * one each try, as an attacker probing a list would send), interleaved so that both see
 * the same machine. One session and CSRF token for all requests, as a browser would have.
 * Prints the medians and their difference; the goal is a difference under 2 ms.
 *
 * <p>
 * Usage: java ForgotPasswordTiming.java BASE_URL KNOWN_EMAIL TRIES
 */
public class ForgotPasswordTiming {

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	static final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String known = args[1];
		int tries = Integer.parseInt(args[2]);

		HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/password/forgot")).build(),
				HttpResponse.BodyHandlers.ofString());
		String cookie = form.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
		Matcher csrf = CSRF.matcher(form.body());
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the form");
		}
		String token = csrf.group(1);

		for (int i = 0; i < 50; i++) {
			time(base, cookie, token, known);
			time(base, cookie, token, unknown());
		}
		List<Double> knownTimes = new ArrayList<>();
		List<Double> unknownTimes = new ArrayList<>();
		for (int i = 0; i < tries; i++) {
			// Alternate which goes first, so neither always follows the other's
			// background work.
			if (i % 2 == 0) {
				knownTimes.add(time(base, cookie, token, known));
				unknownTimes.add(time(base, cookie, token, unknown()));
			}
			else {
				unknownTimes.add(time(base, cookie, token, unknown()));
				knownTimes.add(time(base, cookie, token, known));
			}
		}
		double knownMedian = median(knownTimes);
		double unknownMedian = median(unknownTimes);
		System.out.printf("forgot-password, %d tries each%n", tries);
		System.out.printf("  registered address   median %.2f ms (p90 %.2f ms)%n", knownMedian,
				percentile(knownTimes, 0.9));
		System.out.printf("  unregistered address median %.2f ms (p90 %.2f ms)%n", unknownMedian,
				percentile(unknownTimes, 0.9));
		System.out.printf("  difference of medians %.2f ms (goal: < 2 ms)%n", Math.abs(knownMedian - unknownMedian));
	}

	static String unknown() {
		return "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	static double time(String base, String cookie, String token, String email) throws Exception {
		String body = "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&email="
				+ URLEncoder.encode(email, StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/password/forgot"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		long start = System.nanoTime();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		long elapsed = System.nanoTime() - start;
		if (response.statusCode() != 200) {
			throw new IllegalStateException("status " + response.statusCode() + " for " + email);
		}
		return elapsed / 1_000_000.0;
	}

	static double median(List<Double> values) {
		return percentile(values, 0.5);
	}

	static double percentile(List<Double> values, double p) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
	}

}
