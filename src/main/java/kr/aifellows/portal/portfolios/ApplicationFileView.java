package kr.aifellows.portal.portfolios;

import java.time.Instant;

/**
 * An uploaded file's metadata (its content stays on disk, its text in the database).
 */
public record ApplicationFileView(long id, FileKind kind, String fileName, String mediaType, long sizeBytes,
		String sha256, Instant uploadedAt) {
}
