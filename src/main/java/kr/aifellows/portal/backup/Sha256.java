package kr.aifellows.portal.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of what passes through, for the manifest and for checking a backup before it is
 * restored.
 */
final class Sha256 extends FilterOutputStream {

	private final MessageDigest digest;

	Sha256(OutputStream out) {
		super(out);
		this.digest = newDigest();
	}

	@Override
	public void write(int b) throws IOException {
		out.write(b);
		digest.update((byte) b);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		out.write(bytes, offset, length);
		digest.update(bytes, offset, length);
	}

	String hex() {
		return HexFormat.of().formatHex(digest.digest());
	}

	static String of(Path file) throws IOException {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Copies the file, returning the SHA-256 of what was written. */
	static String copy(Path from, Path to) throws IOException {
		Files.createDirectories(to.getParent());
		try (InputStream in = Files.newInputStream(from); Sha256 out = new Sha256(Files.newOutputStream(to))) {
			in.transferTo(out);
			out.flush();
			return out.hex();
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
