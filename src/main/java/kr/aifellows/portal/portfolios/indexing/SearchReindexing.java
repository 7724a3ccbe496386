package kr.aifellows.portal.portfolios.indexing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.system.AuditLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * "Reindex everything": builds a fresh index from the database in the background and swaps it in,
 * while searches keep using the old one. One run at a time; its progress is readable at any time.
 */
@Service
public class SearchReindexing {

	private static final Logger log = LoggerFactory.getLogger(SearchReindexing.class);

	static final int BATCH = 200;

	private final ApplicationCatalog catalog;

	private final SearchDocuments documents;

	private final SearchIndex index;

	private final AuditLog auditLog;

	private final Clock clock;

	private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.idle());

	SearchReindexing(ApplicationCatalog catalog, SearchDocuments documents, SearchIndex index, AuditLog auditLog) {
		this.catalog = catalog;
		this.documents = documents;
		this.index = index;
		this.auditLog = auditLog;
		this.clock = Clock.systemUTC();
	}

	public Progress progress() {
		return progress.get();
	}

	/**
	 * An index kept from a version that indexed differently was set aside by the backend and is
	 * empty: rebuild it from the database at once rather than wait for an admin to notice.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void rebuildIfTheIndexLayoutChanged() {
		if (index.needsRebuild()) {
			log.info("The search index was written by an older version; reindexing everything");
			start("system");
		}
	}

	/** Starts a run unless one is going; false when one is. */
	public boolean start(String requestedBy) {
		Progress current = progress.get();
		if (current.running()) {
			return false;
		}
		Progress started = new Progress(State.RUNNING, 0, catalog.countSearchable(), Instant.now(clock), null, null);
		if (!progress.compareAndSet(current, started)) {
			return false;
		}
		auditLog.record(requestedBy, "SEARCH_REINDEX_STARTED", "search:" + index.backend(), null);
		Thread.ofVirtual().name("search-reindex").start(() -> run(started));
		return true;
	}

	private void run(Progress started) {
		long done = 0;
		try (SearchIndex.Rebuild rebuild = index.rebuild()) {
			long after = 0;
			while (true) {
				List<Long> ids = catalog.searchableIds(after, BATCH);
				if (ids.isEmpty()) {
					break;
				}
				List<SearchDocument> batch = new ArrayList<>(ids.size());
				for (long id : ids) {
					try {
						ApplicationView application = catalog.forReview(id);
						if (ApplicationCatalog.isSearchable(application.status())) {
							batch.add(documents.of(application));
						}
					}
					catch (PortfolioException goneMeanwhile) {
						// deleted while the rebuild ran: nothing to index
					}
				}
				rebuild.add(batch);
				done += ids.size();
				after = ids.get(ids.size() - 1);
				progress.set(new Progress(State.RUNNING, done, Math.max(started.total(), done), started.startedAt(),
						null, null));
			}
			rebuild.swap();
			progress.set(new Progress(State.DONE, done, done, started.startedAt(), Instant.now(clock), null));
		}
		catch (RuntimeException ex) {
			log.warn("Rebuilding the search index failed; the previous index stays in use", ex);
			progress.set(new Progress(State.FAILED, done, started.total(), started.startedAt(), Instant.now(clock),
					String.valueOf(ex.getMessage())));
		}
	}

	public enum State {
		IDLE, RUNNING, DONE, FAILED
	}

	/**
	 * Where a rebuild stands; {@code percent} is 0 to 100.
	 */
	public record Progress(State state, long done, long total, Instant startedAt, Instant finishedAt, String error) {

		static Progress idle() {
			return new Progress(State.IDLE, 0, 0, null, null, null);
		}

		public boolean running() {
			return state == State.RUNNING;
		}

		public int percent() {
			if (state == State.DONE) {
				return 100;
			}
			return total == 0 ? 0 : (int) Math.min(100, done * 100 / total);
		}
	}
}
