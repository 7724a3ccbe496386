package kr.aifellows.portal.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real server (Tomcat, as in production): a forged Host header is refused,
 * and forwarded headers from a client that is not a configured proxy change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ForwardedHeadersTests {

	@LocalServerPort
	int port;

	@Test
	void aForeignHostIsRefusedAndRedirectsStayOnThePortal() throws IOException {
		String refused = send("GET /applicant HTTP/1.1\r\nHost: evil.com\r\nConnection: close\r\n\r\n");
		assertThat(refused).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("location:");

		String redirect = send("GET /applicant HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n");
		assertThat(redirect).startsWith("HTTP/1.1 302");
		assertThat(location(redirect)).doesNotContain("evil.com").endsWith("/login");
	}

	@Test
	void forwardedHeadersFromAnUntrustedClientAreIgnored() throws IOException {
		String response = send("GET /applicant HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
				+ "X-Forwarded-Host: evil.com\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Port: 443\r\n"
				+ "X-Forwarded-For: 203.0.113.9\r\nForwarded: host=evil.com;proto=https\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 302");
		assertThat(location(response)).doesNotContain("evil.com").doesNotStartWith("https:").endsWith("/login");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static String location(String response) {
		for (String line : response.split("\r\n")) {
			if (line.toLowerCase().startsWith("location:")) {
				return line.substring("location:".length()).strip();
			}
			if (line.isEmpty()) {
				break;
			}
		}
		throw new AssertionError("no Location header in\n" + response);
	}

}
