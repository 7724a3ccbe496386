package kr.aifellows.portal.portfolios.files;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param directory where uploaded files are kept, by content hash, outside the web root
 * @param maxSize the largest file accepted
 * @param extractionTimeout how long text extraction may take per file before its child
 * process is killed
 * @param maxExtractedCharacters how much extracted text is kept per file
 * @param extractionWorkers how many files are extracted at once on this instance, each by
 * its own warm child process (0: this instance extracts nothing, others do)
 * @param extractionPollInterval how often an idle worker looks for files uploaded on
 * other instances
 * @param extractionMaxAttempts how often a file is tried (a lease left by a stopped
 * instance counts) before it is marked failed
 * @param extractionChildHeap the child process's maximum heap
 * @param extractionNice the child's niceness, so that extraction yields the CPU to
 * requests (0: none)
 * @param extractionFilesPerChild after how many files a child is replaced by a fresh one
 * @param extractionHangMarker test hook, empty in production: a file whose text contains
 * it keeps the child busy forever
 */
@ConfigurationProperties("portal.files")
public record FilesProperties(Path directory, DataSize maxSize, Duration extractionTimeout, int maxExtractedCharacters,
		Integer extractionWorkers, Duration extractionPollInterval, int extractionMaxAttempts,
		DataSize extractionChildHeap, Integer extractionNice, int extractionFilesPerChild,
		String extractionHangMarker) {

	public FilesProperties {
		directory = directory == null ? Path.of("data", "files") : directory;
		maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
		extractionTimeout = extractionTimeout == null ? Duration.ofSeconds(20) : extractionTimeout;
		maxExtractedCharacters = maxExtractedCharacters <= 0 ? 500_000 : maxExtractedCharacters;
		extractionWorkers = extractionWorkers == null ? 1 : extractionWorkers;
		extractionPollInterval = extractionPollInterval == null ? Duration.ofSeconds(2) : extractionPollInterval;
		extractionMaxAttempts = extractionMaxAttempts <= 0 ? 3 : extractionMaxAttempts;
		extractionChildHeap = extractionChildHeap == null ? DataSize.ofMegabytes(256) : extractionChildHeap;
		extractionNice = extractionNice == null ? 10 : extractionNice;
		extractionFilesPerChild = extractionFilesPerChild <= 0 ? 2_000 : extractionFilesPerChild;
		extractionHangMarker = extractionHangMarker == null ? "" : extractionHangMarker;
	}
}
