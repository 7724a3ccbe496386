package kr.aifellows.portal.portfolios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.portfolios.files.ApplicationFile;
import kr.aifellows.portal.portfolios.files.ApplicationFileRepository;
import kr.aifellows.portal.portfolios.files.FileStore;
import kr.aifellows.portal.privacy.PrivacyProperties;
import kr.aifellows.portal.system.AuditLog;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Destroys the personal data of applications that were not selected once their call
 * closed longer ago than the retention period
 * ({@code portal.privacy.unselected-application-retention-years}, which the privacy
 * policy states): the application's personal fields, its files (rows, stored content no
 * other application shares, extracted text), and through {@link ApplicationDestroyed} its
 * search entry and reviews. Once a day on one instance; the destruction record in the
 * audit log says how many and under which rule, never whose.
 */
@Component
class ApplicationRetention {

	/** Everything but SELECTED: a fellow's record follows the grant's own retention. */
	static final Set<ApplicationStatus> NOT_SELECTED = EnumSet.complementOf(EnumSet.of(ApplicationStatus.SELECTED));

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static final int BATCH = 200;

	private final ApplicationRepository applications;

	private final ApplicationFileRepository files;

	private final FileStore store;

	private final ApplicationEventPublisher events;

	private final PrivacyProperties properties;

	private final AuditLog auditLog;

	private final Clock clock;

	private final TransactionTemplate transaction;

	ApplicationRetention(ApplicationRepository applications, ApplicationFileRepository files, FileStore store,
			ApplicationEventPublisher events, PrivacyProperties properties, AuditLog auditLog, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.applications = applications;
		this.files = files;
		this.store = store;
		this.events = events;
		this.properties = properties;
		this.auditLog = auditLog;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@Scheduled(cron = "${portal.privacy.retention-cron:0 30 3 * * *}", zone = "Asia/Seoul")
	@SchedulerLock(name = "application-retention", lockAtMostFor = "PT1H")
	void destroyExpired() {
		destroyExpired(clock.instant());
	}

	/**
	 * @return how many applications were destroyed
	 */
	int destroyExpired(Instant now) {
		int years = properties.unselectedApplicationRetentionYears();
		LocalDate cutoff = now.atZone(SEOUL).toLocalDate().minusYears(years);
		Instant closedBefore = cutoff.atStartOfDay(SEOUL).toInstant();
		int destroyed = 0;
		List<Long> batch;
		do {
			batch = applications.findExpired(closedBefore, NOT_SELECTED, PageRequest.of(0, BATCH));
			for (long id : batch) {
				destroyNow(id, now);
				destroyed++;
			}
		}
		while (batch.size() == BATCH);
		if (destroyed > 0) {
			auditLog.record("system", "APPLICATIONS_DESTROYED", "applications",
					destroyed + " applications not selected, of calls closed before " + cutoff + " (retention " + years
							+ " years): personal data, files and reviews");
		}
		return destroyed;
	}

	/**
	 * Destroys one application's personal data, files and reviews now: at the end of its
	 * retention, or when its applicant's account is deleted.
	 */
	void destroyNow(long applicationId, Instant now) {
		List<String> hashes = transaction.execute(status -> destroy(applicationId, now));
		// Stored content is shared by identical uploads: it goes when no other
		// application holds it.
		hashes.stream().filter(hash -> !files.existsBySha256(hash)).forEach(this::deleteStored);
	}

	/**
	 * The last day an application of a call that closed then is kept.
	 */
	LocalDate keptUntil(Instant callClosedAt) {
		return callClosedAt.atZone(SEOUL).toLocalDate().plusYears(properties.unselectedApplicationRetentionYears());
	}

	/**
	 * @return the stored contents the application's files had
	 */
	private List<String> destroy(long applicationId, Instant now) {
		Application application = applications.findById(applicationId).orElseThrow();
		List<String> hashes = files.findByApplicationIdOrderByKind(applicationId)
			.stream()
			.map(ApplicationFile::sha256)
			.distinct()
			.toList();
		files.deleteByApplicationId(applicationId);
		application.destroyPersonalData(now);
		applications.save(application);
		events.publishEvent(new ApplicationDestroyed(applicationId, application.callId()));
		return hashes;
	}

	private void deleteStored(String hash) {
		try {
			Files.deleteIfExists(store.pathOf(hash));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not destroy a stored file", ex);
		}
	}

}
