package kr.aifellows.portal.portfolios;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.MailOutbox;
import kr.aifellows.portal.system.OutgoingMail;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The applicant's side of the portfolios module. Every method takes the applicant's
 * account id and finds only that applicant's applications: another id gives "not found",
 * never another applicant's data.
 */
@Service
public class Portfolios {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private final ApplicationRepository applications;

	private final ApplicationFileRepository files;

	private final CallRepository calls;

	private final CallCatalog callCatalog;

	private final DocumentInspector inspector;

	private final FileStore fileStore;

	private final BibtexImporter bibtex;

	private final ApplicationEventPublisher events;

	private final MailOutbox mail;

	private final MessageSource messages;

	private final AuditLog auditLog;

	private final Clock clock;

	private final FilesProperties properties;

	private final TransactionTemplate transactions;

	private final TextExtractionWorker extraction;

	Portfolios(ApplicationRepository applications, ApplicationFileRepository files, CallRepository calls,
			CallCatalog callCatalog, DocumentInspector inspector, FileStore fileStore, BibtexImporter bibtex,
			ApplicationEventPublisher events, MailOutbox mail, MessageSource messages, AuditLog auditLog, Clock clock,
			FilesProperties properties, PlatformTransactionManager transactionManager,
			TextExtractionWorker extraction) {
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.extraction = extraction;
		this.applications = applications;
		this.files = files;
		this.calls = calls;
		this.callCatalog = callCatalog;
		this.inspector = inspector;
		this.fileStore = fileStore;
		this.bibtex = bibtex;
		this.events = events;
		this.mail = mail;
		this.messages = messages;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Opens the applicant's application to a call, starting a draft the first time.
	 */
	@Transactional
	public ApplicationView startOrResume(long callId, Applicant applicant) {
		return applications.findByCallIdAndApplicantAccountId(callId, applicant.accountId())
			.map(this::view)
			.orElseGet(() -> startDraft(callId, applicant));
	}

	private ApplicationView startDraft(long callId, Applicant applicant) {
		Call call = calls.findById(callId).orElseThrow(() -> new PortfolioException("call.notFound"));
		Instant now = Instant.now(clock);
		if (now.isBefore(call.opensAt())) {
			throw new PortfolioException("call.notYetOpen");
		}
		if (now.isAfter(callCatalog.deadlineFor(callId, applicant.accountId()))) {
			throw new PortfolioException("application.deadlinePassed");
		}
		try {
			Application draft = applications
				.save(new Application(callId, applicant.accountId(), applicant.email(), applicant.displayName(), now));
			return view(draft);
		}
		catch (DataIntegrityViolationException ex) {
			// A second tab raced this one to start the draft: one application per
			// applicant per call.
			throw new PortfolioException("application.alreadyStarted");
		}
	}

	@Transactional(readOnly = true)
	public ApplicationView get(long applicationId, long applicantAccountId) {
		return view(owned(applicationId, applicantAccountId));
	}

	@Transactional(readOnly = true)
	public List<ApplicationView> mine(long applicantAccountId) {
		return applications.findByApplicantAccountIdOrderByCreatedAtDesc(applicantAccountId)
			.stream()
			.map(this::view)
			.toList();
	}

	@Transactional
	public ApplicationView saveProfile(long applicationId, long applicantAccountId, Profile profile) {
		Application application = editable(applicationId, applicantAccountId);
		application.updateProfile(profile, now());
		return updated(application);
	}

	@Transactional
	public ApplicationView addPublication(long applicationId, long applicantAccountId, Publication publication) {
		Application application = editable(applicationId, applicantAccountId);
		application.addPublications(List.of(publication), now());
		return updated(application);
	}

	/**
	 * Imports the good entries of a BibTeX text and reports each bad one.
	 */
	@Transactional
	public BibtexImport importBibtex(long applicationId, long applicantAccountId, String text) {
		Application application = editable(applicationId, applicantAccountId);
		BibtexImporter.ImportResult result = bibtex.parse(text);
		if (!result.publications().isEmpty()) {
			application.addPublications(result.publications(), now());
			updated(application);
		}
		return new BibtexImport(result.publications().size(),
				result.problems().stream().map(p -> new BibtexImport.Problem(p.entry(), p.code())).toList());
	}

	@Transactional
	public ApplicationView removePublication(long applicationId, long applicantAccountId, int index) {
		Application application = editable(applicationId, applicantAccountId);
		application.removePublication(index, now());
		return updated(application);
	}

	/**
	 * Replaces the people the applicant asks not to review the application.
	 * @throws PortfolioException {@code exclusions.tooMany} beyond
	 * {@link ExcludedPerson#MAX}
	 */
	@Transactional
	public ApplicationView saveExclusions(long applicationId, long applicantAccountId, List<ExcludedPerson> people) {
		Application application = editable(applicationId, applicantAccountId);
		application.updateExclusions(people, now());
		return updated(application);
	}

	@Transactional
	public ApplicationView addOpenSource(long applicationId, long applicantAccountId, OpenSourceWork work) {
		Application application = editable(applicationId, applicantAccountId);
		application.addOpenSource(work, now());
		return updated(application);
	}

	@Transactional
	public ApplicationView removeOpenSource(long applicationId, long applicantAccountId, int index) {
		Application application = editable(applicationId, applicantAccountId);
		application.removeOpenSource(index, now());
		return updated(application);
	}

	@Transactional
	public ApplicationView saveProposal(long applicationId, long applicantAccountId, Proposal proposal) {
		Application application = editable(applicationId, applicantAccountId);
		application.updateProposal(proposal, now());
		return updated(application);
	}

	/**
	 * Checks and stores an uploaded file, replacing the application's file of that kind;
	 * its text is extracted afterwards by {@link TextExtractionWorker} (the file is
	 * PENDING until then). The content is streamed to disk while it is hashed, and no
	 * database connection is held while it arrives. A refused file leaves nothing behind.
	 */
	public ApplicationView uploadFile(long applicationId, long applicantAccountId, FileKind kind, String originalName,
			ContentSource content) throws IOException {
		// Another applicant's id is not found before anything of the upload is read or
		// judged.
		owned(applicationId, applicantAccountId);
		String name = DocumentInspector.safeName(originalName);
		try (FileStore.StagedFile staged = fileStore.stage(content.open(), properties.maxSize().toBytes())) {
			FileKind.DetectedType type = inspector.inspect(staged, kind);
			ApplicationView view = transactions.execute(status -> {
				Application application = editable(applicationId, applicantAccountId);
				String hash = fileStore.commit(staged);
				files.deleteByApplicationIdAndKind(applicationId, kind);
				files
					.save(new ApplicationFile(applicationId, kind, name, type.mediaType(), staged.size(), hash, now()));
				application.touch(now());
				return updated(application);
			});
			extraction.wake();
			return view;
		}
	}

	/**
	 * {@link #uploadFile(long, long, FileKind, String, ContentSource)} for content
	 * already in memory.
	 */
	public ApplicationView uploadFile(long applicationId, long applicantAccountId, FileKind kind, String originalName,
			byte[] content) {
		try {
			return uploadFile(applicationId, applicantAccountId, kind, originalName,
					() -> new ByteArrayInputStream(content));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Transactional
	public ApplicationView removeFile(long applicationId, long applicantAccountId, FileKind kind) {
		Application application = editable(applicationId, applicantAccountId);
		files.deleteByApplicationIdAndKind(applicationId, kind);
		application.touch(now());
		return updated(application);
	}

	/**
	 * @return the stored file of the applicant's own application, for download
	 */
	@Transactional(readOnly = true)
	public StoredFile openFile(long applicationId, long applicantAccountId, long fileId) {
		owned(applicationId, applicantAccountId);
		return storedFile(applicationId, fileId);
	}

	StoredFile storedFile(long applicationId, long fileId) {
		ApplicationFile file = files.findByIdAndApplicationId(fileId, applicationId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		ApplicationFileView view = file.toView();
		return new StoredFile(view, () -> fileStore.open(file.sha256()));
	}

	@Transactional(readOnly = true)
	public List<String> problems(long applicationId, long applicantAccountId) {
		Application application = owned(applicationId, applicantAccountId);
		return SubmissionRules.problems(view(application));
	}

	/**
	 * What keeps an application already read through {@link #get} from being submitted
	 * (no query).
	 */
	public List<String> problems(ApplicationView application) {
		return SubmissionRules.problems(application);
	}

	/**
	 * Submits and locks the application, if it is complete and the request came in time.
	 * A second submission of the same application returns the first receipt and sends no
	 * second mail.
	 * @param requestedAt when the request reached the server; this instant, not the end
	 * of the processing, is compared with the deadline
	 */
	@Transactional
	public ApplicationView submit(long applicationId, long applicantAccountId, Instant requestedAt, Locale locale) {
		Application application = applications.findForUpdate(applicationId, applicantAccountId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		if (application.status() == ApplicationStatus.SUBMITTED) {
			return view(application);
		}
		application.requireDraft();
		Instant deadline = callCatalog.deadlineFor(application.callId(), applicantAccountId);
		if (requestedAt.isAfter(deadline)) {
			throw new PortfolioException("application.deadlinePassed");
		}
		List<ApplicationFileView> attached = attachedFiles(application);
		List<String> problems = SubmissionRules.problems(application.toView(attached));
		if (!problems.isEmpty()) {
			throw new PortfolioException("application.incomplete");
		}
		String receipt = receiptNumber(application, requestedAt);
		application.submit(receipt, Instant.now(clock));
		applications.save(application);
		ApplicationView submitted = application.toView(attached);
		events.publishEvent(new ApplicationSubmitted(application.id(), application.callId(), applicantAccountId,
				receipt, requestedAt));
		auditLog.record(application.applicantEmail(), "APPLICATION_SUBMITTED", "application:" + application.id(),
				receipt);
		sendReceipt(submitted, locale);
		return submitted;
	}

	@Transactional
	public ApplicationView withdraw(long applicationId, long applicantAccountId, Instant requestedAt) {
		Application application = applications.findForUpdate(applicationId, applicantAccountId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		if (requestedAt.isAfter(callCatalog.deadlineFor(application.callId(), applicantAccountId))) {
			throw new PortfolioException("application.deadlinePassed");
		}
		application.withdraw(requestedAt);
		events.publishEvent(
				new ApplicationWithdrawn(application.id(), application.callId(), applicantAccountId, requestedAt));
		auditLog.record(application.applicantEmail(), "APPLICATION_WITHDRAWN", "application:" + application.id(), null);
		return view(application);
	}

	private void sendReceipt(ApplicationView application, Locale locale) {
		CallSummary call = callCatalog.find(application.callId()).orElseThrow();
		Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.KOREAN;
		String submittedAt = application.submittedAt().atZone(SEOUL).toLocalDateTime().withNano(0) + " KST";
		Object[] arguments = { application.profile().nameKo(), call.title(language), application.receiptNumber(),
				submittedAt };
		mail.send(new OutgoingMail(application.applicantEmail(),
				messages.getMessage("mail.submitted.subject", arguments, language),
				messages.getMessage("mail.submitted.body", arguments, language)));
	}

	private static String receiptNumber(Application application, Instant submittedAt) {
		return "AIF-%d-%d-%06d".formatted(submittedAt.atZone(SEOUL).getYear(), application.callId(), application.id());
	}

	private Application owned(long applicationId, long applicantAccountId) {
		return applications.findByIdAndApplicantAccountId(applicationId, applicantAccountId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
	}

	private Application editable(long applicationId, long applicantAccountId) {
		Application application = applications.findForUpdate(applicationId, applicantAccountId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		application.requireDraft();
		if (now().isAfter(callCatalog.deadlineFor(application.callId(), applicantAccountId))) {
			throw new PortfolioException("application.deadlinePassed");
		}
		return application;
	}

	/**
	 * Saves a changed draft. No event: drafts are neither indexed nor conflict-checked,
	 * and each event costs its listeners' publication-registry transactions (the
	 * deadline-rush profile showed them as the largest share of database waits).
	 */
	private ApplicationView updated(Application application) {
		return view(applications.save(application));
	}

	ApplicationView view(Application application) {
		return application.toView(attachedFiles(application));
	}

	private List<ApplicationFileView> attachedFiles(Application application) {
		List<ApplicationFileView> attached = new ArrayList<>();
		if (application.id() != null) {
			files.findByApplicationIdOrderByKind(application.id()).forEach(file -> attached.add(file.toView()));
		}
		return attached;
	}

	/** The views of many applications, with their files read in one query. */
	List<ApplicationView> views(List<Application> applications) {
		Map<Long, List<ApplicationFileView>> attached = new HashMap<>();
		if (!applications.isEmpty()) {
			files.findByApplicationIdInOrderByKind(applications.stream().map(Application::id).toList())
				.forEach(file -> attached.computeIfAbsent(file.applicationId(), id -> new ArrayList<>())
					.add(file.toView()));
		}
		return applications.stream()
			.map(application -> application.toView(attached.getOrDefault(application.id(), new ArrayList<>())))
			.toList();
	}

	private Instant now() {
		return Instant.now(clock);
	}

	/**
	 * Who is applying, as the accounts module knows them.
	 */
	public record Applicant(long accountId, String email, String displayName) {
	}

	/**
	 * An uploaded file and a way to read its content.
	 */
	public record StoredFile(ApplicationFileView file, ContentSource content) {
	}

	/**
	 * Opens a stored file's content.
	 */
	@FunctionalInterface
	public interface ContentSource {

		InputStream open() throws IOException;

	}

	/**
	 * The outcome of a BibTeX import: how many publications were added, and each refused
	 * entry.
	 */
	public record BibtexImport(int imported, List<Problem> problems) {

		/**
		 * @param entry the entry's key or position
		 * @param code the message code of what is wrong with it
		 */
		public record Problem(String entry, String code) implements Serializable {
		}
	}

}
