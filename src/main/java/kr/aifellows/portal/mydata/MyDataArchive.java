package kr.aifellows.portal.mydata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.tokens.ApiTokens;
import kr.aifellows.portal.notifications.Notifications;
import kr.aifellows.portal.portfolios.ApplicationCorrections;
import kr.aifellows.portal.portfolios.ApplicationFileView;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.privacy.Consents;
import kr.aifellows.portal.review.decisions.DecisionView;
import kr.aifellows.portal.review.decisions.Decisions;
import kr.aifellows.portal.review.scoring.Reviewing;
import kr.aifellows.portal.system.AuditLog;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

import org.springframework.stereotype.Service;

/**
 * "Download my data": one ZIP of JSON files (account, consents, applications, published
 * decisions with the comments meant for the applicant, the access records about them) and
 * the original uploaded files.
 */
@Service
public class MyDataArchive {

	/** Enough for every access record of a person over the retention period. */
	private static final int MAX_ACCESS_RECORDS = 100_000;

	private static final int MAX_NOTIFICATIONS = 10_000;

	private final AccountManagement accounts;

	private final Portfolios portfolios;

	private final ApplicationCorrections corrections;

	private final Decisions decisions;

	private final Reviewing reviewing;

	private final Consents consents;

	private final AccessRecords accessRecords;

	private final AuditLog auditLog;

	private final Notifications notifications;

	private final ApiTokens apiTokens;

	private final ObjectMapper json;

	private final Clock clock;

	MyDataArchive(AccountManagement accounts, Portfolios portfolios, ApplicationCorrections corrections,
			Decisions decisions, Reviewing reviewing, Consents consents, AccessRecords accessRecords, AuditLog auditLog,
			Notifications notifications, ApiTokens apiTokens, ObjectMapper json, Clock clock) {
		this.notifications = notifications;
		this.apiTokens = apiTokens;
		this.accounts = accounts;
		this.portfolios = portfolios;
		this.corrections = corrections;
		this.decisions = decisions;
		this.reviewing = reviewing;
		this.consents = consents;
		this.accessRecords = accessRecords;
		this.auditLog = auditLog;
		this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
		this.clock = clock;
	}

	/**
	 * Writes the archive of one person's data.
	 */
	public void write(long accountId, OutputStream output) throws IOException {
		auditLog.record(accounts.findById(accountId).map(a -> a.email()).orElse(null), "MY_DATA_DOWNLOADED",
				"account:" + accountId, null);
		try (ZipOutputStream zip = new ZipOutputStream(output)) {
			put(zip, "account.json", accounts.findById(accountId).orElseThrow());
			put(zip, "consents.json", consents.of(accountId));
			List<ApplicationView> applications = portfolios.mine(accountId);
			for (ApplicationView application : applications) {
				String folder = "applications/" + application.id() + "/";
				put(zip, folder + "application.json", application);
				put(zip, folder + "corrections.json", corrections.ofApplication(application.id()));
				for (ApplicationFileView file : application.files()) {
					zip.putNextEntry(new ZipEntry(folder + "files/" + file.id() + "-" + safe(file.fileName())));
					try (InputStream content = portfolios.openFile(application.id(), accountId, file.id())
						.content()
						.open()) {
						content.transferTo(zip);
					}
					zip.closeEntry();
				}
			}
			put(zip, "decisions.json", decisionsFor(accountId));
			put(zip, "notifications.json", notifications.recent(accountId, MAX_NOTIFICATIONS));
			put(zip, "api-tokens.json", apiTokens.ofAccount(accountId));
			put(zip, "access-records.json", accessRecords.search(Instant.EPOCH, Instant.now(clock).plusSeconds(60),
					null, accountId, MAX_ACCESS_RECORDS));
		}
	}

	private List<Map<String, Object>> decisionsFor(long accountId) {
		return decisions.publishedFor(accountId).stream().map(decision -> decision(decision)).toList();
	}

	private Map<String, Object> decision(DecisionView decision) {
		// What the applicant's own decisions page shows: never the committee's rationale
		// or who decided.
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("applicationId", decision.applicationId());
		shown.put("callId", decision.callId());
		shown.put("outcome", decision.outcome());
		shown.put("gpuHours", decision.gpuHours());
		shown.put("publishedAt", decision.publishedAt());
		shown.put("commentsToApplicant", reviewing.commentsToApplicant(decision.applicationId()));
		return shown;
	}

	private void put(ZipOutputStream zip, String name, Object value) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(json.writeValueAsBytes(value));
		zip.closeEntry();
	}

	private static String safe(String fileName) {
		return fileName.replaceAll("[/\\\\:\\x00-\\x1f]", "_");
	}

}
