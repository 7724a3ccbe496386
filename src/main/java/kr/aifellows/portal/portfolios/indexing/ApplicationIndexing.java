package kr.aifellows.portal.portfolios.indexing;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationDestroyed;
import kr.aifellows.portal.portfolios.ApplicationStatusChanged;
import kr.aifellows.portal.portfolios.ApplicationSubmitted;
import kr.aifellows.portal.portfolios.ApplicationUpdated;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.ApplicationWithdrawn;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.search.SearchIndex;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Indexes an application after the transaction that changed it committed. The events go
 * through Spring Modulith's JDBC publication registry: when indexing fails (search
 * backend down, portal stopped), the publication stays incomplete and is retried at the
 * next start-up or on resubmission, so every committed application eventually reaches the
 * index. Each event re-reads the application, so late or repeated deliveries converge on
 * its current state.
 */
@Component
class ApplicationIndexing {

	private final ApplicationCatalog catalog;

	private final SearchDocuments documents;

	private final SearchIndex index;

	ApplicationIndexing(ApplicationCatalog catalog, SearchDocuments documents, SearchIndex index) {
		this.catalog = catalog;
		this.documents = documents;
		this.index = index;
	}

	@ApplicationModuleListener
	void on(ApplicationSubmitted event) {
		sync(event.applicationId());
	}

	@ApplicationModuleListener
	void on(ApplicationWithdrawn event) {
		sync(event.applicationId());
	}

	@ApplicationModuleListener
	void on(ApplicationDestroyed event) {
		index.remove(Long.toString(event.applicationId()));
	}

	@ApplicationModuleListener
	void on(ApplicationUpdated event) {
		sync(event.applicationId());
	}

	@ApplicationModuleListener
	void on(ApplicationStatusChanged event) {
		sync(event.applicationId());
	}

	void sync(long applicationId) {
		ApplicationView application;
		try {
			application = catalog.forReview(applicationId);
		}
		catch (PortfolioException notFound) {
			index.remove(Long.toString(applicationId));
			return;
		}
		if (ApplicationCatalog.isSearchable(application.status())) {
			index.index(documents.of(application));
		}
		else if (!application.isDraft()) {
			index.remove(Long.toString(applicationId));
		}
	}

}
