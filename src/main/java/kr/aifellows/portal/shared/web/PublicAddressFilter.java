package kr.aifellows.portal.shared.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests for any host but the portal's public address
 * ({@code portal.public-url}): the portal builds redirects and links from the request,
 * and a forged Host header must not make them point elsewhere. Health checks are exempt,
 * since load balancers probe instances by their own addresses. Behind a proxy the host is
 * the forwarded one only when the proxy is trusted
 * ({@code server.tomcat.remoteip.internal-proxies}); otherwise the proxy must pass the
 * Host header on.
 */
final class PublicAddressFilter extends OncePerRequestFilter {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	private final Set<String> allowedHosts;

	PublicAddressFilter(String publicUrl) {
		String host = URI.create(publicUrl).getHost();
		if (host == null) {
			throw new IllegalArgumentException("portal.public-url has no host: " + publicUrl);
		}
		host = host.toLowerCase(Locale.ROOT);
		// A portal whose public address is this machine answers to all of this machine's
		// names.
		this.allowedHosts = LOOPBACK.contains(host) ? LOOPBACK : Set.of(host);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = request.getServerName();
		if (host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT))
				|| request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health")) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write("Unknown host\n".getBytes(StandardCharsets.UTF_8));
	}

}
