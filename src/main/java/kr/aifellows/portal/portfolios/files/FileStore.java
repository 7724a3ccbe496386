package kr.aifellows.portal.portfolios.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import kr.aifellows.portal.portfolios.PortfolioException;

import org.springframework.stereotype.Component;

/**
 * Uploaded files on disk, named by the SHA-256 of their content: the same file uploaded
 * twice is stored once, and no name an applicant chose ever reaches the file system. An
 * upload is first streamed into a staging file next to the store while it is hashed, so
 * that only a small buffer per upload is ever in memory, and moved into place once it
 * passed its checks.
 */
@Component
public class FileStore {

	/** How many leading bytes are kept for content-type detection. */
	static final int HEAD_BYTES = 8192;

	private static final int BUFFER_BYTES = 64 * 1024;

	private final Path root;

	private final Path incoming;

	FileStore(FilesProperties properties) {
		this.root = properties.directory().toAbsolutePath().normalize();
		this.incoming = root.resolve(".incoming");
	}

	/**
	 * Copies the content to a staging file, hashing it on the way.
	 * @throws PortfolioException {@code file.tooLarge} as soon as more than
	 * {@code maxBytes} arrived
	 */
	public StagedFile stage(InputStream content, long maxBytes) throws IOException {
		Files.createDirectories(incoming);
		Path staging = Files.createTempFile(incoming, "upload", ".part");
		try (InputStream in = content; OutputStream out = Files.newOutputStream(staging)) {
			MessageDigest digest = sha256();
			byte[] buffer = new byte[BUFFER_BYTES];
			byte[] head = new byte[HEAD_BYTES];
			long size = 0;
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				if (size < HEAD_BYTES) {
					System.arraycopy(buffer, 0, head, (int) size, (int) Math.min(read, HEAD_BYTES - size));
				}
				size += read;
				if (size > maxBytes) {
					throw new PortfolioException("file.tooLarge", maxBytes / (1024 * 1024));
				}
				digest.update(buffer, 0, read);
				out.write(buffer, 0, read);
			}
			return new StagedFile(staging, HexFormat.of().formatHex(digest.digest()), size,
					Arrays.copyOf(head, (int) Math.min(size, HEAD_BYTES)));
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(staging);
			throw ex;
		}
	}

	/**
	 * Moves a checked staging file into the store (or drops it when that content is
	 * stored already).
	 */
	public String commit(StagedFile staged) {
		Path target = pathOf(staged.sha256());
		try {
			if (Files.exists(target)) {
				Files.deleteIfExists(staged.path());
				return staged.sha256();
			}
			Files.createDirectories(target.getParent());
			Files.move(staged.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return staged.sha256();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store an uploaded file", ex);
		}
	}

	public InputStream open(String hash) throws IOException {
		return Files.newInputStream(pathOf(hash));
	}

	public Path pathOf(String hash) {
		if (!hash.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("Not a content hash: " + hash);
		}
		return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An upload on disk, not yet in the store; closing it removes the staging file unless
	 * it was committed.
	 *
	 * @param head the first {@link #HEAD_BYTES} bytes, for content-type detection
	 */
	public record StagedFile(Path path, String sha256, long size, byte[] head) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			Files.deleteIfExists(path);
		}
	}

}
