package kr.aifellows.portal;

import java.util.Map;

import static java.util.Map.entry;

/**
 * Who may reach each route of the portal, for {@link RouteAccessTests}: "*" anybody, "+"
 * anyone signed in, else the letters of the roles (A applicant, R reviewer, C chair, F
 * fellow, D admin, P privacy officer).
 */
final class RouteAccessTable {

	static final Map<String, String> EXPECTED = Map.ofEntries(entry("GET /", "*"), entry("GET /access-denied", "*"),
			// Personal access tokens (pages) and the REST API's browsable docs.
			entry("GET /account/tokens", "+"), entry("POST /account/tokens", "+"),
			entry("POST /account/tokens/{id}/revoke", "+"), entry("GET /api/docs", "+"),
			// The REST API, called with a token of every scope ("+": any valid token);
			// ApiAccessTests checks these rows, RouteAccessTests the others.
			entry("GET /api/v1/openapi.json", "*"), entry("GET /api/v1/openapi.json.yaml", "*"),
			entry("GET /api/v1/openapi.json/swagger-config", "*"), entry("GET /api/v1/me", "+"),
			entry("GET /api/v1/fellow/balance", "F"), entry("GET /api/v1/fellow/allocations", "F"),
			entry("GET /api/v1/fellow/ledger", "F"), entry("GET /api/v1/fellow/jobs", "F"),
			entry("POST /api/v1/fellow/jobs", "F"), entry("GET /api/v1/fellow/jobs/{id}", "F"),
			entry("GET /api/v1/fellow/jobs/{id}/log", "F"), entry("POST /api/v1/fellow/jobs/{id}/cancel", "F"),
			entry("GET /api/v1/fellow/top-ups", "F"), entry("POST /api/v1/fellow/top-ups", "F"),
			entry("GET /api/v1/applicant/applications", "A"), entry("GET /api/v1/applicant/applications/{id}", "A"),
			entry("GET /api/v1/chair/calls", "C"), entry("GET /api/v1/chair/calls/{id}/applications", "C"),
			entry("GET /api/v1/chair/calls/{id}/review", "C"), entry("GET /api/v1/chair/calls/{id}/ranking", "C"),
			entry("GET /api/v1/chair/calls/{id}/decisions", "C"),
			entry("GET /api/v1/chair/calls/{id}/applications.xlsx", "C"),
			entry("GET /api/v1/chair/calls/{id}/score-sheet.xlsx", "C"), entry("GET /api/v1/reviewer/assignments", "R"),
			entry("GET /account/my-data.zip", "+"), entry("GET /account/password", "+"),
			entry("GET /account/privacy", "+"), entry("POST /account/privacy/consents/{item}/withdraw", "+"),
			entry("POST /account/privacy/requests", "+"), entry("GET /admin/access-records", "DP"),
			entry("POST /admin/access-records/reviewed", "DP"), entry("POST /admin/access-records/verify", "DP"),
			entry("GET /admin/privacy-requests", "DP"), entry("POST /admin/privacy-requests/{id}/answer", "DP"),
			entry("GET /admin/privacy-requests/{id}/erasure", "DP"),
			entry("POST /admin/privacy-requests/{id}/erasure", "DP"), entry("GET /privacy", "*"),
			entry("GET /actuator", "D"), entry("GET /actuator/health", "*"), entry("GET /actuator/health/**", "*"),
			entry("GET /actuator/info", "D"), entry("GET /actuator/metrics", "D"),
			entry("GET /actuator/metrics/{requiredMetricName}", "D"), entry("GET /actuator/prometheus", "D"),
			entry("GET /admin", "D"), entry("GET /admin/accounts", "D"), entry("GET /admin/audit", "D"),
			entry("GET /admin/calls", "D"), entry("GET /admin/audit.csv", "D"), entry("GET /admin/gpu", "D"),
			entry("GET /admin/gpu/cluster", "D"), entry("GET /admin/gpu/fellows/{id}", "D"),
			entry("GET /admin/outbox", "D"), entry("GET /admin/backups", "D"), entry("GET /admin/search", "D"),
			entry("GET /admin/search/progress", "D"), entry("GET /applicant", "A"),
			entry("GET /applicant/applications/{id}", "A"),
			entry("GET /applicant/applications/{id}/files/{fileId}", "A"),
			entry("GET /applicant/applications/{id}/application.pdf", "A"),
			entry("GET /applicant/applications/{id}/submit", "A"), entry("GET /applicant/decisions", "A"),
			entry("GET /chair", "C"), entry("GET /chair/applications/{applicationId}", "C"),
			entry("GET /chair/applications/{applicationId}/files/{fileId}", "C"), entry("GET /chair/calls/new", "C"),
			entry("GET /chair/calls/{id}/applications", "C"), entry("GET /chair/calls/{id}/applications.xlsx", "C"),
			entry("GET /chair/calls/{id}/edit", "C"), entry("GET /chair/calls/{id}/ranking", "C"),
			entry("GET /chair/calls/{id}/review", "C"),
			entry("GET /chair/calls/{id}/review/applications/{applicationId}", "C"),
			entry("GET /chair/calls/{id}/score-sheet.xlsx", "C"), entry("GET /chair/calls/{id}/search", "C"),
			entry("GET /chair/gpu", "C"), entry("GET /chair/gpu/cluster", "C"),
			entry("GET /chair/gpu/fellows/{id}", "C"), entry("GET /chair/gpu/usage.xlsx", "C"),
			entry("GET /chair/institutions", "C"), entry("GET /chair/reviewers", "C"),
			entry("GET /chair/reviewers/import/{job}", "C"), entry("GET /dashboard", "+"),
			entry("GET /notifications", "+"), entry("POST /notifications/read", "+"),
			entry("POST /notifications/{id}/read", "+"), entry("GET /error", "*"), entry("GET /fellow", "F"),
			entry("GET /fellow/jobs/new", "F"), entry("GET /fellow/jobs/{id}", "F"),
			entry("GET /fellow/jobs/{id}/live", "F"), entry("GET /fellow/usage", "F"),
			entry("GET /fellow/usage/data", "F"), entry("GET /invitations", "CD"),
			entry("GET /invitations/accept", "*"), entry("GET /login", "*"), entry("GET /password/forgot", "*"),
			entry("GET /password/reset", "*"), entry("GET /register", "*"), entry("GET /register/resend", "*"),
			entry("GET /register/sent", "*"), entry("GET /register/verify", "*"), entry("GET /reviewer", "R"),
			entry("GET /reviewer/applications/{id}", "R"), entry("GET /reviewer/applications/{id}/files/{fileId}", "R"),
			entry("GET /reviewer/calls/{callId}/search", "R"), entry("GET /reviewer/profile", "R"),
			entry("POST /access-denied", "*"), entry("POST /account/password", "+"),
			entry("POST /admin/accounts/{id}/active", "D"), entry("POST /admin/accounts/{id}/roles", "D"),
			entry("POST /admin/accounts/{id}/sessions/end", "D"), entry("POST /admin/accounts/{id}/unlock", "D"),
			entry("POST /admin/accounts/{id}/verification", "D"),
			entry("POST /admin/gpu/fellows/{id}/adjustments", "D"),
			entry("POST /admin/gpu/fellows/{id}/cluster-user", "D"), entry("POST /admin/gpu/grants", "D"),
			entry("POST /admin/search/reindex", "D"), entry("POST /applicant/applications/{id}/exclusions", "A"),
			entry("POST /applicant/applications/{id}/files/{kind}", "A"),
			entry("POST /applicant/applications/{id}/files/{kind}/delete", "A"),
			entry("POST /applicant/applications/{id}/open-source", "A"),
			entry("POST /applicant/applications/{id}/open-source/{index}/delete", "A"),
			entry("POST /applicant/applications/{id}/draft", "A"),
			entry("POST /applicant/applications/{id}/profile", "A"),
			entry("POST /applicant/applications/{id}/proposal", "A"),
			entry("POST /applicant/applications/{id}/publications", "A"),
			entry("POST /applicant/applications/{id}/publications/import", "A"),
			entry("POST /applicant/applications/{id}/publications/{index}/delete", "A"),
			entry("POST /applicant/applications/{id}/submit", "A"),
			entry("POST /applicant/applications/{id}/withdraw", "A"),
			entry("POST /applicant/calls/{callId}/apply", "A"), entry("POST /chair/calls", "C"),
			entry("POST /chair/calls/{id}", "C"),
			entry("POST /chair/calls/{id}/applications/{applicationId}/extension", "C"),
			entry("POST /chair/calls/{id}/deadline", "C"), entry("POST /chair/calls/{id}/decisions/publish", "C"),
			entry("POST /chair/calls/{id}/decisions/{applicationId}", "C"),
			entry("POST /chair/calls/{id}/new-version", "C"),
			entry("POST /chair/calls/{id}/review/applications/{applicationId}/discussion", "C"),
			entry("POST /chair/calls/{id}/review/assign", "C"), entry("POST /chair/calls/{id}/review/assignments", "C"),
			entry("POST /chair/calls/{id}/review/assignments/{assignmentId}/pin", "C"),
			entry("POST /chair/calls/{id}/review/assignments/{assignmentId}/remove", "C"),
			entry("GET /chair/corrections", "C"), entry("POST /chair/corrections/{id}/answer", "C"),
			entry("POST /fellow/job-templates", "F"), entry("POST /fellow/job-templates/{id}/delete", "F"),
			entry("GET /chair/corrections/{id}", "C"),
			entry("GET /chair/corrections/{id}/applications/{applicationId}", "C"),
			entry("POST /chair/corrections/{id}/applications/{applicationId}", "C"),
			entry("POST /chair/calls/{id}/review/conflicts/{conflictId}/waive", "C"),
			entry("POST /chair/calls/{id}/review/reviewers/{reviewerId}/remind", "C"),
			entry("POST /chair/calls/{id}/review/lock", "C"), entry("POST /chair/calls/{id}/review/start", "C"),
			entry("POST /chair/gpu/fellows/{id}/adjustments", "C"), entry("POST /chair/gpu/grants", "C"),
			entry("POST /chair/gpu/top-ups/{id}/approve", "C"), entry("POST /chair/gpu/top-ups/{id}/reject", "C"),
			entry("POST /chair/institutions/merge", "C"), entry("POST /chair/reviewers", "C"),
			entry("POST /chair/reviewers/import", "C"), entry("POST /chair/reviewers/{id}/load", "C"),
			entry("POST /error", "*"), entry("POST /fellow/jobs", "F"), entry("POST /fellow/jobs/{id}/cancel", "F"),
			entry("POST /fellow/top-ups", "F"), entry("POST /invitations", "CD"),
			entry("POST /invitations/accept", "*"), entry("POST /password/forgot", "*"),
			entry("POST /password/reset", "*"), entry("POST /register", "*"), entry("POST /register/resend", "*"),
			entry("POST /reviewer/applications/{id}/decline", "R"),
			entry("POST /reviewer/applications/{id}/discussion", "R"),
			entry("POST /reviewer/applications/{id}/review", "R"), entry("POST /reviewer/profile", "R"),
			entry("POST /reviewer/profile/publications", "R"), entry("POST /reviewer/profile/publications/import", "R"),
			entry("POST /reviewer/profile/publications/{index}/delete", "R"));

	/** Whether a route is the REST API's, reached with tokens rather than sessions. */
	static boolean isApi(String pattern) {
		return pattern.startsWith("/api/v1/");
	}

	private RouteAccessTable() {
	}

}
