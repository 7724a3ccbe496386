package kr.aifellows.portal.portfolios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * Uploaded files on disk, named by the SHA-256 of their content: the same file uploaded twice is
 * stored once, and no name an applicant chose ever reaches the file system.
 */
@Component
class FileStore {

	private final Path root;

	FileStore(FilesProperties properties) {
		this.root = properties.directory().toAbsolutePath().normalize();
	}

	String store(byte[] content) {
		String hash = sha256(content);
		Path target = pathOf(hash);
		if (Files.exists(target)) {
			return hash;
		}
		try {
			Files.createDirectories(target.getParent());
			Path temporary = Files.createTempFile(target.getParent(), hash, ".part");
			Files.write(temporary, content);
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return hash;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store an uploaded file", ex);
		}
	}

	InputStream open(String hash) throws IOException {
		return Files.newInputStream(pathOf(hash));
	}

	private Path pathOf(String hash) {
		if (!hash.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("Not a content hash: " + hash);
		}
		return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
