package kr.aifellows.portal.accounts;

import java.io.IOException;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import kr.aifellows.portal.accounts.tokens.ApiScope;
import kr.aifellows.portal.accounts.tokens.ApiTokenFilter;
import kr.aifellows.portal.accounts.tokens.ApiTokens;
import kr.aifellows.portal.shared.ApiProblems;
import kr.aifellows.portal.system.AuditLog;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.RememberMeAuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String LOGIN_EMAIL_ATTRIBUTE = "portal.login.email";

	/** Spring Session's cookie (server.servlet.session.cookie.name). */
	static final String SESSION_COOKIE = "SESSION";

	/**
	 * No inline script or style anywhere: pages load their code and styles from /js and
	 * /css.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/** Browser features no page of the portal uses. */
	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "serial=(), bluetooth=(), browsing-topics=()";

	/**
	 * Grants only requests that no controller handles, so that they end on the "not
	 * found" page.
	 */
	static AuthorizationManager<RequestAuthorizationContext> onlyWhereNoControllerAnswers(
			ObjectProvider<HandlerMapping> controllers) {
		return (authentication, context) -> {
			HttpServletRequest request = context.getRequest();
			// The mapping reads the parsed path that the DispatcherServlet caches only
			// later.
			boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
			if (parsedHere) {
				ServletRequestPathUtils.parseAndCache(request);
			}
			try {
				return new AuthorizationDecision(controllers.getObject().getHandler(request) == null);
			}
			catch (Exception wrongMethodOrType) {
				return new AuthorizationDecision(false);
			}
			finally {
				if (parsedHere) {
					ServletRequestPathUtils.clearParsedRequestPath(request);
				}
			}
		};
	}

	/**
	 * The REST API: stateless, a personal access token in {@code Authorization: Bearer}
	 * on every request, no session, no CSRF token (no cookie authenticates here, so there
	 * is nothing to forge). The same roles as the pages' rules, and the token's scopes on
	 * top.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, PortalUserDetailsService users,
			ApiProblems problems, ObjectMapper json, AccountsProperties properties,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> controllers) throws Exception {
		ApiTokenFilter.ProblemResponses responses = new ApiTokenFilter.ProblemResponses(problems, json);
		http.securityMatcher("/api/v1/**");
		http.csrf(csrf -> csrf.disable());
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache(cache -> cache.disable());
		http.formLogin(form -> form.disable());
		http.httpBasic(basic -> basic.disable());
		http.logout(logout -> logout.disable());
		http.addFilterBefore(new ApiTokenFilter(tokens, users, responses), AnonymousAuthenticationFilter.class);
		http.exceptionHandling(exceptions -> exceptions
			.authenticationEntryPoint((request, response, ex) -> responses.write(request, response,
					HttpStatus.UNAUTHORIZED, "api.token.required"))
			.accessDeniedHandler((request, response, ex) -> responses.write(request, response, HttpStatus.FORBIDDEN,
					"api.forbidden")));
		http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_CONTENT_SECURITY_POLICY))
			.frameOptions(frame -> frame.deny())
			.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(hstsRequests(properties.secureCookies()))
				.maxAgeInSeconds(365L * 24 * 3600)));
		http.authorizeHttpRequests(
				requests -> requests.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
					.permitAll()
					.requestMatchers(HttpMethod.GET, "/api/v1/openapi.json", "/api/v1/openapi.json.yaml",
							"/api/v1/openapi.json/**")
					.permitAll()
					.requestMatchers(HttpMethod.GET, "/api/v1/me")
					.authenticated()
					.requestMatchers(HttpMethod.GET, "/api/v1/fellow/**")
					.access(roleAndScope(Role.FELLOW, ApiScope.READ))
					.requestMatchers(HttpMethod.POST, "/api/v1/fellow/**")
					.access(roleAndScope(Role.FELLOW, ApiScope.JOBS))
					.requestMatchers(HttpMethod.GET, "/api/v1/applicant/**")
					.access(roleAndScope(Role.APPLICANT, ApiScope.READ))
					.requestMatchers(HttpMethod.GET, "/api/v1/reviewer/**")
					.access(roleAndScope(Role.REVIEWER, ApiScope.REVIEW))
					.requestMatchers(HttpMethod.GET, "/api/v1/chair/**")
					.access(roleAndScope(Role.CHAIR, ApiScope.READ))
					.anyRequest()
					.access(onlyWhereNoControllerAnswers(controllers)));
		return http.build();
	}

	/** The API's answers are JSON: nothing in them may load or run anything. */
	static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

	private static AuthorizationManager<RequestAuthorizationContext> roleAndScope(Role role, ApiScope scope) {
		return AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasRole(role.name()),
				AuthorityAuthorizationManager.hasAuthority(scope.authority()));
	}

	@Bean
	SecurityFilterChain portalSecurity(HttpSecurity http, PortalUserDetailsService users,
			PersistentTokenRepository rememberMeTokens, LoginThrottle throttle, AuditLog auditLog,
			AccountsProperties properties, PasswordEncoder passwordEncoder,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> controllers) throws Exception {
		PersistentTokenBasedRememberMeServices rememberMe = rememberMeServices(users, rememberMeTokens, properties);
		authorizeRoutes(http, controllers);

		// No parent manager: it would check the password again, with the account's state
		// first.
		http.authenticationManager(new ProviderManager(authenticationProvider(users, passwordEncoder),
				new RememberMeAuthenticationProvider(properties.rememberMeKey())));

		http.formLogin(form -> form.loginPage("/login")
			.usernameParameter("email")
			.successHandler(successHandler(throttle, auditLog))
			.failureHandler(failureHandler(throttle, auditLog))
			.permitAll());
		http.rememberMe(remember -> remember.rememberMeServices(rememberMe).key(properties.rememberMeKey()));
		http.logout(logout -> logout.logoutUrl("/logout").addLogoutHandler((request, response, authentication) -> {
			if (authentication != null) {
				auditLog.record(authentication.getName(), "LOGOUT", authentication.getName(), null);
			}
		}).logoutSuccessUrl("/login?loggedOut").deleteCookies(SESSION_COOKIE, "portal-remember-me"));
		http.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
		http.exceptionHandling(exceptions -> exceptions.accessDeniedPage("/access-denied"));
		securityHeaders(http, properties);
		http.addFilterBefore(new AddressThrottleFilter(throttle, auditLog), UsernamePasswordAuthenticationFilter.class);
		return http.build();
	}

	private static PersistentTokenBasedRememberMeServices rememberMeServices(PortalUserDetailsService users,
			PersistentTokenRepository rememberMeTokens, AccountsProperties properties) {
		PersistentTokenBasedRememberMeServices rememberMe = new PersistentTokenBasedRememberMeServices(
				properties.rememberMeKey(), users, rememberMeTokens);
		rememberMe.setParameter("remember-me");
		rememberMe.setCookieName("portal-remember-me");
		rememberMe.setTokenValiditySeconds(14 * 24 * 3600);
		rememberMe.setUseSecureCookie(properties.secureCookies());
		return rememberMe;
	}

	private static void authorizeRoutes(HttpSecurity http, ObjectProvider<HandlerMapping> controllers)
			throws Exception {
		http.authorizeHttpRequests(
				requests -> requests.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
					.permitAll()
					.requestMatchers("/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico")
					.permitAll()
					.requestMatchers("/", "/login", "/register/**", "/password/**", "/invitations/accept",
							"/access-denied", "/error", "/privacy")
					.permitAll()
					.requestMatchers("/actuator/health", "/actuator/health/**")
					.permitAll()
					.requestMatchers("/admin/access-records", "/admin/access-records/**", "/admin/privacy-requests",
							"/admin/privacy-requests/**")
					.hasAnyRole(Role.ADMIN.name(), Role.PRIVACY_OFFICER.name())
					.requestMatchers("/actuator/**", "/admin/**")
					.hasRole(Role.ADMIN.name())
					.requestMatchers("/invitations/**")
					.hasAnyRole(Role.ADMIN.name(), Role.CHAIR.name())
					.requestMatchers("/applicant/**")
					.hasRole(Role.APPLICANT.name())
					.requestMatchers("/reviewer/**")
					.hasRole(Role.REVIEWER.name())
					// The institution merge page re-runs every call's conflict checks:
					// chairs only.
					.requestMatchers("/chair/institutions", "/chair/institutions/**")
					.hasRole(Role.CHAIR.name())
					.requestMatchers("/chair/**")
					.hasRole(Role.CHAIR.name())
					.requestMatchers("/fellow/**")
					.hasRole(Role.FELLOW.name())
					// The API's browsable documentation (the document itself is public).
					.requestMatchers("/dashboard", "/account/**", "/notifications", "/notifications/**", "/api/docs",
							"/api/swagger-ui/**")
					.authenticated()
					// A route these rules do not name is refused to everyone until it is
					// added here
					// (RouteAccessTests lists who reaches every route); a path no
					// controller answers goes
					// on to the "not found" page.
					.anyRequest()
					.access(onlyWhereNoControllerAnswers(controllers)));
	}

	private static void securityHeaders(HttpSecurity http, AccountsProperties properties) throws Exception {
		http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions(frame -> frame.deny())
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
			.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(hstsRequests(properties.secureCookies()))
				.maxAgeInSeconds(365L * 24 * 3600)
				.includeSubDomains(true))
			.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)));
	}

	/**
	 * Checks the password first and the account's state (locked, unverified, deactivated)
	 * only after it matched, so that a wrong password gets the same answer for every
	 * address, known or not.
	 */
	static DaoAuthenticationProvider authenticationProvider(PortalUserDetailsService users,
			PasswordEncoder passwordEncoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwordEncoder);
		provider.setUserDetailsPasswordService(users);
		provider.setPreAuthenticationChecks(user -> {
		});
		provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
		return provider;
	}

	/**
	 * HSTS on every response when cookies are Secure (the portal is served over HTTPS,
	 * perhaps behind a proxy that ends TLS), otherwise only on requests that came over
	 * HTTPS.
	 */
	static RequestMatcher hstsRequests(boolean secureCookies) {
		return request -> secureCookies || request.isSecure();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	PersistentTokenRepository rememberMeTokenRepository(DataSource dataSource) {
		JdbcTokenRepositoryImpl repository = new JdbcTokenRepositoryImpl();
		repository.setDataSource(dataSource);
		return repository;
	}

	private static SavedRequestAwareAuthenticationSuccessHandler successHandler(LoginThrottle throttle,
			AuditLog auditLog) {
		SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws ServletException, IOException {
				throttle.recordSuccess(authentication.getName());
				auditLog.record(authentication.getName(), "LOGIN_SUCCESS", authentication.getName(), null);
				request.getSession().removeAttribute(LOGIN_EMAIL_ATTRIBUTE);
				super.onAuthenticationSuccess(request, response, authentication);
			}
		};
		handler.setDefaultTargetUrl("/dashboard");
		return handler;
	}

	private static AuthenticationFailureHandler failureHandler(LoginThrottle throttle, AuditLog auditLog) {
		return (request, response, exception) -> {
			String email = request.getParameter("email");
			String reason = reason(exception);
			if ("bad".equals(reason)) {
				throttle.recordFailure(email, request.getRemoteAddr());
			}
			auditLog.record(null, "LOGIN_FAILURE", email, reason);
			request.getSession().setAttribute(LOGIN_EMAIL_ATTRIBUTE, email);
			response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
		};
	}

	private static String reason(AuthenticationException exception) {
		if (exception instanceof LockedException) {
			return "locked";
		}
		if (exception instanceof DisabledException) {
			return "unverified";
		}
		if (exception instanceof AccountExpiredException) {
			return "deactivated";
		}
		return "bad";
	}

	/**
	 * Refuses login attempts from an address that failed too often, before any password
	 * check.
	 */
	static final class AddressThrottleFilter extends OncePerRequestFilter {

		private final RequestMatcher loginSubmission = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, "/login");

		private final LoginThrottle throttle;

		private final AuditLog auditLog;

		AddressThrottleFilter(LoginThrottle throttle, AuditLog auditLog) {
			this.throttle = throttle;
			this.auditLog = auditLog;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (loginSubmission.matches(request) && throttle.isAddressBlocked(request.getRemoteAddr())) {
				auditLog.record(null, "LOGIN_THROTTLED", request.getParameter("email"), null);
				request.getSession().setAttribute(LOGIN_EMAIL_ATTRIBUTE, request.getParameter("email"));
				response.sendRedirect(request.getContextPath() + "/login?error=throttled");
				return;
			}
			chain.doFilter(request, response);
		}

	}

}
