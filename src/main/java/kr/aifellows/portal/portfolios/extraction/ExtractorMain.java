package kr.aifellows.portal.portfolios.extraction;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child process that extracts text, one file per request, for as long as its parent
 * keeps it. It says {@code READY} once started. Requests on stdin, one a line:
 * {@code EXTRACT <PDF|DOCX> <file> <output file> <max characters>}; one answer a line on
 * stdout: {@code DONE} (the text is in the output file) or {@code FAILED <reason>}.
 * Library output goes to stderr so that it cannot break the protocol. Whatever happens in
 * here (a parser that loops, ignores interrupts, runs out of memory), the parent's
 * timeout ends it by killing the process.
 */
public final class ExtractorMain {

	/**
	 * Test hook: a file whose text contains this marker makes the child spin forever,
	 * ignoring interrupts.
	 */
	static final String HANG_MARKER = "portal.extraction.hang-marker";

	private static final int MAX_PDF_PAGES = 300;

	private ExtractorMain() {
	}

	public static void main(String[] args) throws IOException {
		PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		System.setOut(System.err);
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.ERROR);
		// A DOCX whose parts inflate more than 100x, or past 100 MB, is treated as a zip
		// bomb.
		ZipSecureFile.setMinInflateRatio(0.01);
		ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
		String hangMarker = System.getProperty(HANG_MARKER, "");
		BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		answers.println("READY");
		for (String line = requests.readLine(); line != null; line = requests.readLine()) {
			String[] request = line.split("\t");
			if (request.length != 5 || !"EXTRACT".equals(request[0])) {
				answers.println("FAILED\tprotocol");
				continue;
			}
			answers.println(extract(request[1], Path.of(request[2]), Path.of(request[3]), Integer.parseInt(request[4]),
					hangMarker));
		}
	}

	private static String extract(String type, Path file, Path output, int maxCharacters, String hangMarker) {
		try {
			String text = "PDF".equals(type) ? pdfText(file) : docxText(file);
			if (text == null) {
				return "FAILED\tencrypted";
			}
			// PostgreSQL text cannot hold NUL characters, which some PDFs yield.
			text = text.replace("\u0000", "");
			if (text.length() > maxCharacters) {
				text = text.substring(0, maxCharacters);
			}
			if (!hangMarker.isEmpty() && text.contains(hangMarker)) {
				spinForever();
			}
			Files.writeString(output, text, StandardCharsets.UTF_8);
			return "DONE";
		}
		catch (InvalidPasswordException ex) {
			return "FAILED\tencrypted";
		}
		catch (Exception | StackOverflowError ex) {
			return String.valueOf(ex.getMessage()).toLowerCase().contains("zip bomb") ? "FAILED\tzipBomb"
					: "FAILED\tunreadable";
		}
	}

	/**
	 * @return the text, or null for an encrypted PDF
	 */
	private static String pdfText(Path file) throws IOException {
		try (PDDocument document = Loader.loadPDF(file.toFile())) {
			if (document.isEncrypted()) {
				return null;
			}
			PDFTextStripper stripper = new PDFTextStripper();
			stripper.setEndPage(MAX_PDF_PAGES);
			return stripper.getText(document);
		}
	}

	private static String docxText(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file);
				XWPFDocument document = new XWPFDocument(in);
				XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
			return extractor.getText();
		}
	}

	/** What a runaway parser does: never returns, and interrupts do not stop it. */
	@SuppressWarnings("InfiniteLoopStatement")
	private static void spinForever() {
		long spins = 0;
		while (true) {
			spins++;
			if (Thread.interrupted() && spins < 0) {
				break;
			}
		}
	}

}
