package kr.aifellows.portal.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How backups are named and laid out on disk.
 */
final class BackupFolders {

	private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'portal-'yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	static final Pattern COMPLETE = Pattern.compile("portal-\\d{8}T\\d{9}Z");

	private BackupFolders() {
	}

	static String name(Instant created) {
		return NAME.format(created);
	}

	/** Where a content-addressed file lies, as the portal's file store lays them out. */
	static Path storePath(Path root, String hash) {
		return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
	}

	static boolean isComplete(Path folder) {
		return COMPLETE.matcher(folder.getFileName().toString()).matches()
				&& Files.isRegularFile(folder.resolve(BackupManifest.FILE_NAME));
	}

	static void delete(Path folder) throws IOException {
		try (Stream<Path> all = Files.walk(folder)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
