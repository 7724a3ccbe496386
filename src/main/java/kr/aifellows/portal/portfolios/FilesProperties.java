package kr.aifellows.portal.portfolios;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param directory where uploaded files are kept, by content hash, outside the web root
 * @param maxSize the largest file accepted
 * @param extractionTimeout how long text extraction may take per file
 * @param maxExtractedCharacters how much extracted text is kept per file
 */
@ConfigurationProperties("portal.files")
record FilesProperties(Path directory, DataSize maxSize, Duration extractionTimeout, int maxExtractedCharacters) {

	FilesProperties {
		directory = directory == null ? Path.of("data", "files") : directory;
		maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
		extractionTimeout = extractionTimeout == null ? Duration.ofSeconds(20) : extractionTimeout;
		maxExtractedCharacters = maxExtractedCharacters <= 0 ? 500_000 : maxExtractedCharacters;
	}
}
