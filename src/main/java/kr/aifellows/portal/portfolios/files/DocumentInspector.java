package kr.aifellows.portal.portfolios.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.files.FileKind.DetectedType;
import kr.aifellows.portal.portfolios.files.FileStore.StagedFile;
import org.apache.tika.Tika;

import org.springframework.stereotype.Component;

/**
 * Decides what an upload really is from its bytes (never its name) and refuses what the
 * portal does not accept, on the staged file and within bounded memory: the type from the
 * first bytes, the DOCX container by inflating each part as a stream (a zip bomb is
 * caught by its ratio and size, never inflated into memory), an encrypted PDF by its
 * encryption dictionary, a PDF that would run a script or a program by
 * {@link PdfScripts}. The text is extracted later, off the request path, by
 * {@link TextExtractionWorker}.
 */
@Component
public class DocumentInspector {

	private static final int MAX_NAME_LENGTH = 150;

	private static final Pattern UNSAFE_NAME = Pattern.compile("(^|[/\\\\])\\.\\.|[/\\\\]|[\\p{Cntrl}]");

	private static final String DOCX_MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

	/**
	 * As POI's ZipSecureFile: a part inflating more than 100x (past a 100 KB grace), or
	 * past 100 MB, is a bomb.
	 */
	private static final long MAX_INFLATE_RATIO = 100;

	private static final long RATIO_GRACE_BYTES = 100 * 1024;

	private static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;

	private static final int MAX_ENTRIES = 10_000;

	private static final byte[] PDF_ENCRYPT_KEY = "/Encrypt".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Every PDF ends its body with this marker; HTML or a script behind a PDF header does
	 * not.
	 */
	private static final byte[] PDF_END = "%%EOF".getBytes(StandardCharsets.US_ASCII);

	private final Tika tika = new Tika();

	private final FilesProperties properties;

	DocumentInspector(FilesProperties properties) {
		this.properties = properties;
	}

	public DetectedType inspect(StagedFile staged, FileKind kind) {
		if (staged.size() == 0) {
			throw new PortfolioException("file.empty");
		}
		if (staged.size() > properties.maxSize().toBytes()) {
			throw new PortfolioException("file.tooLarge", properties.maxSize().toMegabytes());
		}
		DetectedType type = detect(staged);
		if (!kind.accepts(type)) {
			throw new PortfolioException("file.wrongKind." + kind.name());
		}
		if (type == DetectedType.PDF && !contains(staged.path(), PDF_END)) {
			throw new PortfolioException("file.unreadable");
		}
		if (type == DetectedType.PDF && contains(staged.path(), PDF_ENCRYPT_KEY)) {
			throw new PortfolioException("file.encrypted");
		}
		if (type == DetectedType.PDF && scripted(staged.path())) {
			throw new PortfolioException("file.scripted");
		}
		return type;
	}

	/**
	 * @return the file's own name without any path, or a refusal for names that try to
	 * leave their folder or carry control characters
	 */
	public static String safeName(String originalName) {
		if (originalName == null || originalName.isBlank()) {
			throw new PortfolioException("file.badName");
		}
		if (UNSAFE_NAME.matcher(originalName).find() || originalName.length() > MAX_NAME_LENGTH) {
			throw new PortfolioException("file.badName");
		}
		return originalName.strip();
	}

	private DetectedType detect(StagedFile staged) {
		String detected = tika.detect(staged.head());
		if ("application/pdf".equals(detected)) {
			return DetectedType.PDF;
		}
		if (("application/zip".equals(detected) || "application/x-tika-ooxml".equals(detected))
				&& isDocx(staged.path())) {
			return DetectedType.DOCX;
		}
		throw new PortfolioException("file.unsupportedType", detected);
	}

	private static boolean isDocx(Path file) {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			long fileSize = Files.size(file);
			boolean wordDocument = false;
			int entries = 0;
			for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
				ZipEntry entry = all.nextElement();
				if (++entries > MAX_ENTRIES) {
					throw new PortfolioException("file.zipBomb");
				}
				boolean contentTypes = "[Content_Types].xml".equals(entry.getName());
				ByteArrayOutputStream kept = contentTypes ? new ByteArrayOutputStream() : null;
				try (InputStream part = zip.getInputStream(entry)) {
					inflate(part, entry, fileSize, kept);
				}
				if (contentTypes) {
					wordDocument = kept.toString(StandardCharsets.UTF_8).contains(DOCX_MAIN_PART);
				}
			}
			return wordDocument;
		}
		catch (ZipException notAZip) {
			return false;
		}
		catch (IOException ex) {
			throw new PortfolioException("file.unreadable");
		}
	}

	/** Inflates one part as a stream, refusing it once it grows like a zip bomb. */
	private static void inflate(InputStream part, ZipEntry entry, long fileSize, ByteArrayOutputStream kept)
			throws IOException {
		long compressed = entry.getCompressedSize() > 0 ? Math.min(entry.getCompressedSize(), fileSize) : fileSize;
		byte[] buffer = new byte[16 * 1024];
		long inflated = 0;
		for (int read = part.read(buffer); read >= 0; read = part.read(buffer)) {
			inflated += read;
			if (inflated > MAX_ENTRY_BYTES
					|| (inflated > RATIO_GRACE_BYTES && inflated > compressed * MAX_INFLATE_RATIO)) {
				throw new PortfolioException("file.zipBomb");
			}
			if (kept != null && kept.size() < 1024 * 1024) {
				kept.write(buffer, 0, read);
			}
		}
	}

	private static boolean scripted(Path pdf) {
		try {
			return PdfScripts.present(pdf);
		}
		catch (IOException ex) {
			throw new PortfolioException("file.unreadable");
		}
	}

	/**
	 * Streams through the file looking for a byte sequence (which may straddle two
	 * reads).
	 */
	private static boolean contains(Path file, byte[] needle) {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[64 * 1024];
			int matched = 0;
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] == needle[matched]) {
						if (++matched == needle.length) {
							return true;
						}
					}
					else {
						matched = buffer[i] == needle[0] ? 1 : 0;
					}
				}
			}
			return false;
		}
		catch (IOException ex) {
			throw new PortfolioException("file.unreadable");
		}
	}

}
