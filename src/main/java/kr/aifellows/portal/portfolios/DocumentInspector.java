package kr.aifellows.portal.portfolios;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.tika.Tika;

import kr.aifellows.portal.portfolios.FileKind.DetectedType;

import org.springframework.stereotype.Component;

/**
 * Decides what an upload really is from its bytes (never its name), refuses what the portal
 * does not accept, and extracts its text within limits of time and size.
 */
@Component
class DocumentInspector {

	private static final int MAX_NAME_LENGTH = 150;

	private static final int MAX_PDF_PAGES = 300;

	private static final Pattern UNSAFE_NAME = Pattern.compile("(^|[/\\\\])\\.\\.|[/\\\\]|[\\p{Cntrl}]");

	private static final String DOCX_MAIN_PART =
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

	static {
		// A DOCX whose parts inflate more than 100x, or past 100 MB, is treated as a zip bomb.
		ZipSecureFile.setMinInflateRatio(0.01);
		ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
	}

	private final Tika tika = new Tika();

	private final FilesProperties properties;

	/** A small pool so that runaway extractions cannot take more than two threads. */
	private final ExecutorService extractors = Executors.newFixedThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "document-text-extractor");
		thread.setDaemon(true);
		return thread;
	});

	DocumentInspector(FilesProperties properties) {
		this.properties = properties;
	}

	InspectedDocument inspect(String originalName, byte[] content, FileKind kind) {
		String name = safeName(originalName);
		if (content.length == 0) {
			throw new PortfolioException("file.empty");
		}
		if (content.length > properties.maxSize().toBytes()) {
			throw new PortfolioException("file.tooLarge", properties.maxSize().toMegabytes());
		}
		DetectedType type = detect(content);
		if (!kind.accepts(type)) {
			throw new PortfolioException("file.wrongKind." + kind.name());
		}
		String text = extractWithinLimits(content, type);
		return new InspectedDocument(name, type, text);
	}

	/**
	 * @return the file's own name without any path, or a refusal for names that try to leave
	 * their folder or carry control characters
	 */
	static String safeName(String originalName) {
		if (originalName == null || originalName.isBlank()) {
			throw new PortfolioException("file.badName");
		}
		if (UNSAFE_NAME.matcher(originalName).find() || originalName.length() > MAX_NAME_LENGTH) {
			throw new PortfolioException("file.badName");
		}
		return originalName.strip();
	}

	private DetectedType detect(byte[] content) {
		String detected = tika.detect(content);
		if ("application/pdf".equals(detected)) {
			return DetectedType.PDF;
		}
		if (("application/zip".equals(detected) || "application/x-tika-ooxml".equals(detected)) && isDocx(content)) {
			return DetectedType.DOCX;
		}
		throw new PortfolioException("file.unsupportedType", detected);
	}

	private static boolean isDocx(byte[] content) {
		try (OPCPackage container = OPCPackage.open(new ByteArrayInputStream(content))) {
			return container.getPartsByContentType(DOCX_MAIN_PART).size() == 1;
		}
		catch (Exception ex) {
			if (String.valueOf(ex.getMessage()).toLowerCase().contains("zip bomb")) {
				throw new PortfolioException("file.zipBomb");
			}
			return false;
		}
	}

	private String extractWithinLimits(byte[] content, DetectedType type) {
		Future<String> extraction = extractors.submit(() -> type == DetectedType.PDF ? pdfText(content)
				: docxText(content));
		try {
			String text = extraction.get(properties.extractionTimeout().toMillis(), TimeUnit.MILLISECONDS);
			return text.length() > properties.maxExtractedCharacters()
					? text.substring(0, properties.maxExtractedCharacters()) : text;
		}
		catch (TimeoutException ex) {
			extraction.cancel(true);
			throw new PortfolioException("file.extractionTimeout");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof PortfolioException refusal) {
				throw refusal;
			}
			if (String.valueOf(ex.getCause().getMessage()).toLowerCase().contains("zip bomb")) {
				throw new PortfolioException("file.zipBomb");
			}
			throw new PortfolioException("file.unreadable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PortfolioException("file.unreadable");
		}
	}

	private static String pdfText(byte[] content) throws IOException {
		try (PDDocument document = Loader.loadPDF(content)) {
			if (document.isEncrypted()) {
				throw new PortfolioException("file.encrypted");
			}
			PDFTextStripper stripper = new PDFTextStripper();
			stripper.setEndPage(MAX_PDF_PAGES);
			return stripper.getText(document);
		}
		catch (InvalidPasswordException ex) {
			throw new PortfolioException("file.encrypted");
		}
	}

	private static String docxText(byte[] content) throws IOException {
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(content));
				XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
			return extractor.getText();
		}
	}

	@PreDestroy
	void stop() {
		extractors.shutdownNow();
	}

	record InspectedDocument(String fileName, DetectedType type, String text) {
	}
}
