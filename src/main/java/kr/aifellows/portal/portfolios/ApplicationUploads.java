package kr.aifellows.portal.portfolios;

import java.io.IOException;

import kr.aifellows.portal.portfolios.files.ApplicationFile;
import kr.aifellows.portal.portfolios.files.ApplicationFileRepository;
import kr.aifellows.portal.portfolios.files.DocumentInspector;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.portfolios.files.FileStore;
import kr.aifellows.portal.portfolios.files.FilesProperties;
import kr.aifellows.portal.portfolios.files.TextExtractionWorker;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * An application's uploaded files for {@link Portfolios}: checking and storing an upload,
 * removing it, and opening a stored one.
 */
class ApplicationUploads {

	private final OwnedApplications owned;

	private final ApplicationFileRepository files;

	private final DocumentInspector inspector;

	private final FileStore fileStore;

	private final FilesProperties properties;

	private final TransactionTemplate transactions;

	private final TextExtractionWorker extraction;

	ApplicationUploads(OwnedApplications owned, ApplicationFileRepository files, DocumentInspector inspector,
			FileStore fileStore, FilesProperties properties, TransactionTemplate transactions,
			TextExtractionWorker extraction) {
		this.owned = owned;
		this.files = files;
		this.inspector = inspector;
		this.fileStore = fileStore;
		this.properties = properties;
		this.transactions = transactions;
		this.extraction = extraction;
	}

	/**
	 * The content is streamed to disk while it is hashed, and no database connection is
	 * held while it arrives; the text is extracted afterwards.
	 */
	ApplicationView upload(long applicationId, long applicantAccountId, FileKind kind, String originalName,
			Portfolios.ContentSource content) throws IOException {
		// Another applicant's id is not found before anything of the upload is read or
		// judged.
		owned.get(applicationId, applicantAccountId);
		String name = DocumentInspector.safeName(originalName);
		try (FileStore.StagedFile staged = fileStore.stage(content.open(), properties.maxSize().toBytes())) {
			FileKind.DetectedType type = inspector.inspect(staged, kind);
			ApplicationView view = transactions.execute(status -> {
				Application application = owned.editable(applicationId, applicantAccountId);
				String hash = fileStore.commit(staged);
				files.deleteByApplicationIdAndKind(applicationId, kind);
				files.save(new ApplicationFile(applicationId, kind, name, type.mediaType(), staged.size(), hash,
						owned.now()));
				application.touch(owned.now());
				return owned.updated(application);
			});
			extraction.wake();
			return view;
		}
	}

	ApplicationView remove(long applicationId, long applicantAccountId, FileKind kind) {
		Application application = owned.editable(applicationId, applicantAccountId);
		files.deleteByApplicationIdAndKind(applicationId, kind);
		application.touch(owned.now());
		return owned.updated(application);
	}

	Portfolios.StoredFile storedFile(long applicationId, long fileId) {
		ApplicationFile file = files.findByIdAndApplicationId(fileId, applicationId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		ApplicationFileView view = file.toView();
		return new Portfolios.StoredFile(view, () -> fileStore.open(file.sha256()));
	}

}
