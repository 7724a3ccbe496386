package kr.aifellows.portal.portfolios;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDJavascriptNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDSimpleFileSpecification;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Real PDF and DOCX files made on the fly (PDFBox and POI), and the hostile variants the
 * upload checks must refuse.
 */
public final class TestDocuments {

	private TestDocuments() {
	}

	public static byte[] pdf(String text) {
		return pdf(text, 0, null);
	}

	/**
	 * @param padding bytes of filler appended as a PDF comment, to reach a size
	 */
	public static byte[] pdf(String text, int padding, String userPassword) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(72, 700);
				content.showText(text);
				content.endText();
			}
			if (userPassword != null) {
				StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword,
						new AccessPermission());
				policy.setEncryptionKeyLength(128);
				document.protect(policy);
			}
			document.save(out);
			if (padding > 0) {
				out.write("\n%".getBytes());
				out.write(new byte[padding]);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Where a PDF can carry something that runs when it is opened.
	 */
	public enum Active {

		/** JavaScript as the document's open action. */
		OPEN_ACTION,
		/** JavaScript behind a link on the page. */
		LINK,
		/** Document-level JavaScript in the name tree. */
		NAME_TREE,
		/** A launch action that starts a program. */
		LAUNCH,
		/** An ordinary web link, which papers are full of: not active. */
		WEB_LINK

	}

	/**
	 * A one-page PDF with something active in it, saved by PDFBox 3 with its objects
	 * packed in compressed object streams (so the action is not in the raw bytes).
	 */
	public static byte[] pdfWith(Active active) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			document.addPage(page);
			PDActionJavaScript script = new PDActionJavaScript("app.alert('pwned')");
			switch (active) {
				case OPEN_ACTION -> document.getDocumentCatalog().setOpenAction(script);
				case LINK -> page.getAnnotations().add(link(script));
				case NAME_TREE -> {
					PDJavascriptNameTreeNode scripts = new PDJavascriptNameTreeNode();
					scripts.setNames(Map.of("init", script));
					PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
					names.setJavascript(scripts);
					document.getDocumentCatalog().setNames(names);
				}
				case LAUNCH -> {
					PDActionLaunch launch = new PDActionLaunch();
					launch.setFile(new PDSimpleFileSpecification(new COSString("calc.exe")));
					document.getDocumentCatalog().setOpenAction(launch);
				}
				case WEB_LINK -> {
					PDActionURI uri = new PDActionURI();
					uri.setURI("https://arxiv.org/abs/1706.03762");
					page.getAnnotations().add(link(uri));
				}
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static PDAnnotationLink link(PDAction action) {
		PDAnnotationLink link = new PDAnnotationLink();
		link.setRectangle(new PDRectangle(72, 600, 200, 20));
		link.setAction(action);
		return link;
	}

	public static byte[] docx(String text) {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.createParagraph().createRun().setText(text);
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A real DOCX with one more part that inflates from kilobytes to 50 MB. */
	public static byte[] docxZipBomb() {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx("bomb")));
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				ZipOutputStream out = new ZipOutputStream(bytes)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				in.transferTo(out);
				out.closeEntry();
			}
			out.putNextEntry(new ZipEntry("word/media/padding.xml"));
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 50; i++) {
				out.write(zeros);
			}
			out.closeEntry();
			out.finish();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The start of a Windows executable. */
	public static byte[] windowsExecutable() {
		byte[] exe = new byte[4096];
		exe[0] = 'M';
		exe[1] = 'Z';
		exe[0x3c] = (byte) 0x80;
		exe[0x80] = 'P';
		exe[0x81] = 'E';
		return exe;
	}

}
