package kr.aifellows.portal.gpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads files that a job controls. A job may replace any file in its work directory at
 * any moment with a link (to a file only the portal may read), a FIFO (whose opening
 * blocks until someone writes) or a huge sparse file: a link is never followed, only a
 * regular file is read, an opening that blocks is abandoned, and no read goes past its
 * bound.
 */
public final class JobFiles {

	private static final long OPEN_TIMEOUT_MILLIS = 2_000;

	/**
	 * Openings that have not returned: at most one per path, so a FIFO can not pile up
	 * threads.
	 */
	private static final Map<Path, Future<SeekableByteChannel>> hanging = new ConcurrentHashMap<>();

	private JobFiles() {
	}

	/**
	 * @return the last {@code maxBytes} of the file as UTF-8 text, never starting inside
	 * a character; empty when the file is missing, not a regular file, a link, or does
	 * not open
	 */
	public static String tail(Path file, int maxBytes) {
		if (maxBytes <= 0) {
			return "";
		}
		try (SeekableByteChannel channel = open(file)) {
			if (channel == null) {
				return "";
			}
			long length = channel.size();
			long from = Math.max(0, length - maxBytes);
			ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(maxBytes, length));
			channel.position(from);
			while (bytes.hasRemaining() && channel.read(bytes) > 0) {
				// a file that shrinks meanwhile ends the read early
			}
			int start = 0;
			while (from > 0 && start < bytes.position() && (bytes.get(start) & 0xC0) == 0x80) {
				start++;
			}
			return new String(bytes.array(), start, bytes.position() - start, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** A regular file opened without following a link in its last part, or null. */
	private static SeekableByteChannel open(Path file) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException missing) {
			return null;
		}
		if (!attributes.isRegularFile() || hanging.containsKey(file)) {
			return null;
		}
		// Between the look and the opening the job may put a FIFO there: open where a
		// block costs nothing.
		FutureTask<SeekableByteChannel> opening = new FutureTask<>(
				() -> Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
		hanging.put(file, opening);
		// A platform thread: one stuck in open(2) must not hold a carrier of the virtual
		// threads.
		Thread.ofPlatform().daemon().name("job-file-open").start(() -> {
			opening.run();
			hanging.remove(file, opening);
		});
		try {
			SeekableByteChannel channel = opening.get(OPEN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			// Done: the next look must not find it hanging before its thread has cleared
			// it.
			hanging.remove(file, opening);
			return channel;
		}
		catch (TimeoutException blocked) {
			return null;
		}
		catch (ExecutionException ex) {
			hanging.remove(file, opening);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Deletes a directory tree that a job controls: a link (the tree itself, or anything
	 * in it) is deleted as a link, never followed, so nothing outside the tree is
	 * touched.
	 */
	public static void deleteTree(Path root) throws IOException {
		if (Files.isSymbolicLink(root) || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			Files.deleteIfExists(root);
			return;
		}
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.deleteIfExists(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
				Files.deleteIfExists(dir);
				return FileVisitResult.CONTINUE;
			}

		});
	}

}
