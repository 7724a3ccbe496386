package kr.aifellows.portal.portfolios.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Renders a template as PDF (openhtmltopdf on PDFBox), with a font that has Korean
 * glyphs: {@code portal.pdf.font}, by default Debian's Nanum Gothic
 * ({@code fonts-nanum}).
 */
@Component
class ApplicationPdf {

	private static final Logger log = LoggerFactory.getLogger(ApplicationPdf.class);

	private final SpringTemplateEngine templates;

	private final Path font;

	ApplicationPdf(SpringTemplateEngine templates,
			@Value("${portal.pdf.font:/usr/share/fonts/truetype/nanum/NanumGothic.ttf}") Path font) {
		this.templates = templates;
		this.font = font;
		if (!Files.isReadable(font)) {
			log.warn("PDF font {} not found (apt-get install fonts-nanum): Korean text in PDFs will not show", font);
		}
	}

	byte[] render(String template, Map<String, Object> model, Locale locale) {
		String html = templates.process(template, new Context(locale, model));
		ByteArrayOutputStream pdf = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			if (Files.isReadable(font)) {
				builder.useFont(font.toFile(), "Portal Sans");
			}
			builder.withHtmlContent(html, null);
			builder.toStream(pdf);
			builder.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not render " + template + " as PDF", ex);
		}
		return pdf.toByteArray();
	}

}
