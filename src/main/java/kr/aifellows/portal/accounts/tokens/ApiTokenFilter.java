package kr.aifellows.portal.accounts.tokens;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import kr.aifellows.portal.shared.ApiProblems;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} personal access tokens for the API: the
 * caller gets the owner's roles plus one {@code SCOPE_…} authority per scope of the
 * token, and every request is counted against the token's rate limit ({@code 429} with
 * {@code Retry-After} past it). Nothing is kept between requests.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	private final UserDetailsService users;

	private final ProblemResponses problems;

	public ApiTokenFilter(ApiTokens tokens, UserDetailsService users, ProblemResponses problems) {
		this.tokens = tokens;
		this.users = users;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			problems.write(request, response, HttpStatus.UNAUTHORIZED, "api.token.scheme");
			return;
		}
		Optional<ApiTokens.Caller> caller = tokens.authenticate(header.substring(7).strip());
		Optional<UserDetails> user = caller.flatMap(this::owner);
		if (user.isEmpty()) {
			problems.write(request, response, HttpStatus.UNAUTHORIZED, "api.token.invalid");
			return;
		}
		ApiTokens.Usage usage = tokens.count(caller.get(), request.getMethod() + " " + request.getRequestURI());
		response.setHeader("RateLimit-Limit", Integer.toString(usage.limit()));
		response.setHeader("RateLimit-Remaining", Integer.toString(usage.remaining()));
		if (!usage.allowed()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(usage.retryAfterSeconds()));
			problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "api.rateLimited",
					new Object[] { usage.limit(), usage.retryAfterSeconds() },
					Map.of("limit", usage.limit(), "retryAfter", usage.retryAfterSeconds()));
			return;
		}
		List<GrantedAuthority> authorities = new ArrayList<>(user.get().getAuthorities());
		caller.get().scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, authorities));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** The token's owner, while the account is verified and active. */
	private Optional<UserDetails> owner(ApiTokens.Caller caller) {
		try {
			UserDetails user = users.loadUserByUsername(caller.email());
			return user.isEnabled() && user.isAccountNonExpired() ? Optional.of(user) : Optional.empty();
		}
		catch (UsernameNotFoundException ex) {
			return Optional.empty();
		}
	}

	/** Writes a problem detail where no controller answers: in the security filters. */
	public static final class ProblemResponses {

		private final ApiProblems problems;

		private final ObjectMapper json;

		public ProblemResponses(ApiProblems problems, ObjectMapper json) {
			this.problems = problems;
			this.json = json;
		}

		public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
				throws IOException {
			write(request, response, status, code, null, null);
		}

		public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
				Object[] arguments, Map<String, Object> extra) throws IOException {
			ProblemDetail problem = problems.problem(status, code, arguments, extra, request);
			response.setStatus(status.value());
			if (status == HttpStatus.UNAUTHORIZED) {
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"aifellows-api\"");
			}
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			// As the MVC converters write a ProblemDetail: its properties beside the
			// standard members.
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", problem.getType().toString());
			body.put("title", problem.getTitle());
			body.put("status", problem.getStatus());
			body.put("detail", problem.getDetail());
			body.put("instance", String.valueOf(problem.getInstance()));
			if (problem.getProperties() != null) {
				body.putAll(problem.getProperties());
			}
			response.getWriter().write(json.writeValueAsString(body));
		}

	}

}
