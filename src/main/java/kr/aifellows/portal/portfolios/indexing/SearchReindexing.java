package kr.aifellows.portal.portfolios.indexing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import kr.aifellows.portal.backup.BackupRestored;
import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * "Reindex everything": builds a fresh index from the database in the background and
 * swaps it in, while searches keep using the old one. One run at a time across all
 * instances; its progress is kept in the database, so any instance shows it.
 */
@Service
public class SearchReindexing {

	private static final Logger log = LoggerFactory.getLogger(SearchReindexing.class);

	static final int BATCH = 200;

	private static final String TASK = "search-rebuild";

	private final ApplicationCatalog catalog;

	private final SearchDocuments documents;

	private final SearchIndex index;

	private final AuditLog auditLog;

	private final BackgroundTasks tasks;

	SearchReindexing(ApplicationCatalog catalog, SearchDocuments documents, SearchIndex index, AuditLog auditLog,
			BackgroundTasks tasks) {
		this.catalog = catalog;
		this.documents = documents;
		this.index = index;
		this.auditLog = auditLog;
		this.tasks = tasks;
	}

	public Progress progress() {
		return tasks.latest(TASK).map(Progress::of).orElseGet(Progress::idle);
	}

	/**
	 * An index kept from a version that indexed differently was set aside by the backend
	 * and is empty: rebuild it from the database at once rather than wait for an admin to
	 * notice.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void rebuildIfTheIndexLayoutChanged() {
		if (index.needsRebuild()) {
			log.info("The search index was written by an older version; reindexing everything");
			start("system");
		}
	}

	/** A backup holds no search index: the restored applications are indexed again. */
	@EventListener(BackupRestored.class)
	public void rebuildAfterARestore() {
		log.info("A backup was restored; reindexing everything");
		start("system");
	}

	/** Starts a run unless one is going (on any instance); false when one is. */
	public boolean start(String requestedBy) {
		UUID task = tasks.startExclusive(TASK, catalog.countSearchable(), requestedBy)
			.map(BackgroundTasks.Task::id)
			.orElse(null);
		if (task == null) {
			return false;
		}
		auditLog.record(requestedBy, "SEARCH_REINDEX_STARTED", "search:" + index.backend(), null);
		Thread.ofVirtual().name("search-reindex").start(() -> run(task));
		return true;
	}

	private void run(UUID task) {
		long done = 0;
		try (SearchIndex.Rebuild rebuild = index.rebuild()) {
			long total = catalog.countSearchable();
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
				tasks.progress(task, done, Math.max(total, done));
			}
			rebuild.swap();
			tasks.finish(task, done, null);
		}
		catch (RuntimeException ex) {
			log.warn("Rebuilding the search index failed; the previous index stays in use", ex);
			tasks.fail(task, done, String.valueOf(ex.getMessage()), null);
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

		static Progress of(BackgroundTasks.Task task) {
			State state = switch (task.state()) {
				case RUNNING -> State.RUNNING;
				case DONE -> State.DONE;
				case FAILED -> State.FAILED;
			};
			return new Progress(state, task.done(), Math.max(task.total(), task.done()), task.startedAt(),
					task.finishedAt(), task.error());
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
