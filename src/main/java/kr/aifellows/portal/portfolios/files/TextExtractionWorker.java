package kr.aifellows.portal.portfolios.files;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationUpdated;
import kr.aifellows.portal.portfolios.extraction.ExtractorProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Extracts the text of uploaded files after their upload committed, off the request path.
 * The queue is the {@code application_files} table itself: a PENDING row is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so any number of portal instances share the
 * work and each file is extracted once; a lease left by a stopped instance expires and
 * the file is tried again, up to {@code portal.files.extraction-max-attempts}. Each
 * worker thread drives one warm child process ({@link ExtractorProcess}), which is killed
 * when a file outlives {@code portal.files.extraction-timeout}: that file ends FAILED
 * ("timeout") and the next one gets a fresh child. When text arrives for an application
 * that is no longer a draft, {@link ApplicationUpdated} tells the search index and the
 * conflict checks.
 */
@Component
public class TextExtractionWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TextExtractionWorker.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final FileStore fileStore;

	private final FilesProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Semaphore wakeUp = new Semaphore(0);

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	TextExtractionWorker(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, FileStore fileStore,
			FilesProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.fileStore = fileStore;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A file was queued on this instance: an idle worker takes it now rather than at its
	 * next poll.
	 */
	public void wake() {
		wakeUp.release();
	}

	@Override
	public synchronized void start() {
		running = true;
		for (int i = 1; i <= properties.extractionWorkers(); i++) {
			Thread thread = Thread.ofPlatform().daemon().name("text-extraction-" + i).start(this::work);
			threads.add(thread);
		}
	}

	@Override
	public synchronized void stop() {
		running = false;
		threads.forEach(Thread::interrupt);
		for (Thread thread : threads) {
			try {
				thread.join(15_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void work() {
		try (ExtractorProcess extractor = new ExtractorProcess(new ExtractorProcess.Settings(
				properties.extractionTimeout(), (int) properties.extractionChildHeap().toMegabytes(),
				properties.extractionNice(), properties.extractionFilesPerChild(), properties.maxExtractedCharacters(),
				properties.extractionHangMarker()))) {
			while (running) {
				Claim claim = claim();
				if (claim == null) {
					wakeUp.tryAcquire(properties.extractionPollInterval().toMillis(), TimeUnit.MILLISECONDS);
					continue;
				}
				process(claim, extractor);
			}
		}
		catch (InterruptedException stopping) {
			// the lease of a file in progress expires and another worker takes it
		}
		catch (RuntimeException ex) {
			if (running) {
				log.error("The text extraction worker stopped; a fresh one takes over", ex);
				restartLater();
			}
		}
	}

	private void restartLater() {
		Thread.ofPlatform().daemon().name(Thread.currentThread().getName()).start(() -> {
			try {
				Thread.sleep(properties.extractionPollInterval().toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			work();
		});
	}

	private void process(Claim claim, ExtractorProcess extractor) throws InterruptedException {
		if (claim.attempts() > properties.extractionMaxAttempts()) {
			finish(claim, null, "attempts");
			return;
		}
		String type = FileKind.DetectedType.PDF.mediaType().equals(claim.mediaType()) ? "PDF" : "DOCX";
		ExtractorProcess.Outcome outcome = extractor.extract(fileStore.pathOf(claim.sha256()), type);
		if (ExtractorProcess.UNAVAILABLE.equals(outcome.failure())) {
			// Not the file's fault: its lease expires and it is tried again.
			Thread.sleep(properties.extractionPollInterval().toMillis());
			return;
		}
		finish(claim, outcome.text(), outcome.failure());
	}

	private Claim claim() {
		long leaseSeconds = properties.extractionTimeout().toSeconds() * 2 + 90;
		List<Claim> claimed = jdbc.query("""
				update application_files f
				set extraction_attempts = f.extraction_attempts + 1,
				    extraction_lease_until = now() + make_interval(secs => ?)
				where f.id = (select id from application_files
				              where extraction_state = 'PENDING'
				                and (extraction_lease_until is null or extraction_lease_until < now())
				              order by id limit 1 for update skip locked)
				returning f.id, f.sha256, f.media_type, f.extraction_attempts""",
				(rs, row) -> new Claim(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)), leaseSeconds);
		return claimed.isEmpty() ? null : claimed.get(0);
	}

	/**
	 * Records the outcome. The application row is share-locked first, so that a
	 * submission either committed before (and the event below re-indexes it with its
	 * text) or waits until the text is stored (and its own indexing reads it).
	 */
	private void finish(Claim claim, String text, String failure) {
		transactions.executeWithoutResult(status -> {
			List<Map<String, Object>> owner = jdbc.queryForList("""
					select a.id, a.call_id, a.applicant_account_id, a.status
					from application_files f join applications a on a.id = f.application_id
					where f.id = ? for share of a""", claim.fileId());
			if (owner.isEmpty()) {
				return; // replaced or removed meanwhile
			}
			int updated = jdbc.update("""
					update application_files
					set extraction_state = ?, extracted_text = ?, extraction_failure = ?, extraction_lease_until = null
					where id = ? and extraction_state = 'PENDING'""",
					failure == null ? ExtractionState.DONE.name() : ExtractionState.FAILED.name(), text, failure,
					claim.fileId());
			Map<String, Object> application = owner.get(0);
			if (updated == 1 && failure == null && !ApplicationStatus.DRAFT.name().equals(application.get("status"))) {
				events.publishEvent(new ApplicationUpdated(((Number) application.get("id")).longValue(),
						((Number) application.get("call_id")).longValue(),
						((Number) application.get("applicant_account_id")).longValue(), "extraction",
						Instant.now(clock)));
			}
		});
		if (failure != null) {
			log.info("Text extraction of file {} failed: {}", claim.fileId(), failure);
		}
	}

	private record Claim(long fileId, String sha256, String mediaType, int attempts) {
	}

}
