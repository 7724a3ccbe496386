package kr.aifellows.portal.portfolios;

import java.time.Instant;

import kr.aifellows.portal.portfolios.files.ExtractionState;
import kr.aifellows.portal.portfolios.files.FileKind;

/**
 * An uploaded file's metadata (its content stays on disk, its text in the database once
 * extracted).
 *
 * @param extractionFailure why the text could not be extracted ({@code timeout},
 * {@code encrypted}, {@code unreadable}, {@code crashed}, {@code attempts}); null unless
 * {@code extractionState} is FAILED
 */
public record ApplicationFileView(long id, FileKind kind, String fileName, String mediaType, long sizeBytes,
		String sha256, Instant uploadedAt, ExtractionState extractionState, String extractionFailure) {
}
