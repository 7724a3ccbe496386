package kr.aifellows.portal.portfolios.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Finds what a PDF would run when a reviewer opens it: JavaScript and launch actions,
 * wherever they sit (the document's open action, page and field triggers, link
 * annotations, the name tree). Every object is looked at, including those packed in
 * compressed object streams, which a search of the raw bytes would miss; content streams
 * are never decoded.
 */
final class PdfScripts {

	private static final Set<COSName> ACTIVE_ACTIONS = Set.of(COSName.JAVA_SCRIPT, COSName.getPDFName("Launch"),
			COSName.getPDFName("ImportData"), COSName.getPDFName("Rendition"));

	/** More objects than any CV or paper has: a file built to keep the check busy. */
	private static final int MAX_OBJECTS = 500_000;

	private static final int MAX_DEPTH = 32;

	private PdfScripts() {
	}

	/**
	 * @throws IOException when the file does not parse as a PDF, or has more objects than
	 * a document needs
	 */
	static boolean present(Path pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.toFile()))) {
			COSDocument objects = document.getDocument();
			if (objects.getXrefTable().size() > MAX_OBJECTS) {
				throw new IOException("too many objects");
			}
			for (COSObjectKey key : objects.getXrefTable().keySet()) {
				if (active(objects.getObjectFromPool(key).getObject(), 0)) {
					return true;
				}
			}
			return active(document.getDocumentCatalog().getCOSObject(), 0);
		}
	}

	/**
	 * Looks into direct values only: an indirect one is an object of its own, looked at
	 * in its turn.
	 */
	private static boolean active(COSBase value, int depth) {
		if (depth > MAX_DEPTH || value == null || value instanceof COSObject) {
			return false;
		}
		if (value instanceof COSDictionary dictionary) {
			COSName action = dictionary.getCOSName(COSName.S);
			if (dictionary.containsKey(COSName.JS) || (action != null && ACTIVE_ACTIONS.contains(action))) {
				return true;
			}
			for (COSBase entry : dictionary.getValues()) {
				if (active(entry, depth + 1)) {
					return true;
				}
			}
		}
		else if (value instanceof COSArray array) {
			for (COSBase entry : array) {
				if (active(entry, depth + 1)) {
					return true;
				}
			}
		}
		return false;
	}

}
