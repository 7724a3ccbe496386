package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import kr.aifellows.portal.search.query.IndexFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

/**
 * The configured directory: one folder per {@link Generation}, and the file
 * {@code current} that names the live one (replaced atomically when a rebuild is swapped
 * in).
 */
final class GenerationFolder {

	private static final String CURRENT = "current";

	private final Path root;

	GenerationFolder(Path root) {
		this.root = root;
	}

	Path root() {
		return root;
	}

	/**
	 * The generation that {@code current} names, or a new empty one when there is none or
	 * it was written in another layout ({@link Opened#needsRebuild()}); leftovers of
	 * interrupted rebuilds are deleted.
	 */
	Opened openCurrent(Analyzer analyzer) throws IOException {
		Files.createDirectories(root);
		Path current = root.resolve(CURRENT);
		String name = Files.exists(current) ? Files.readString(current, StandardCharsets.UTF_8).strip() : "";
		boolean needsRebuild = false;
		if (name.isEmpty() || !Files.isDirectory(root.resolve(name))) {
			name = newGenerationName();
			writeCurrent(name);
		}
		else if (!hasCurrentLayout(root.resolve(name))) {
			// written by a version that indexed differently: today's queries would
			// silently miss
			// documents in it, so start empty and let the owner of the documents reindex
			// them
			name = newGenerationName();
			writeCurrent(name);
			needsRebuild = true;
		}
		Generation live = Generation.open(root.resolve(name), analyzer);
		deleteOtherGenerations(name);
		return new Opened(live, needsRebuild);
	}

	/** A fresh generation beside the live one, not current until {@link #makeCurrent}. */
	Generation openNew(Analyzer analyzer) throws IOException {
		return Generation.open(root.resolve(newGenerationName()), analyzer);
	}

	void makeCurrent(Generation generation) throws IOException {
		writeCurrent(generation.name());
	}

	private static boolean hasCurrentLayout(Path generation) throws IOException {
		try (FSDirectory directory = FSDirectory.open(generation)) {
			if (!DirectoryReader.indexExists(directory)) {
				return true;
			}
			return Integer.toString(IndexFields.LAYOUT)
				.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(Generation.LAYOUT_KEY));
		}
	}

	/** Leftovers of rebuilds that a stop interrupted. */
	private void deleteOtherGenerations(String current) throws IOException {
		try (Stream<Path> children = Files.list(root)) {
			for (Path child : children.toList()) {
				String name = child.getFileName().toString();
				if (Files.isDirectory(child) && name.startsWith("gen-") && !name.equals(current)) {
					Generation.delete(child);
				}
			}
		}
	}

	private static String newGenerationName() {
		return "gen-" + System.currentTimeMillis() + "-" + System.nanoTime() % 1000;
	}

	private void writeCurrent(String name) throws IOException {
		Path temp = root.resolve(CURRENT + ".tmp");
		Files.writeString(temp, name, StandardCharsets.UTF_8);
		try {
			Files.move(temp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** The live generation, and whether it replaced one of another layout. */
	record Opened(Generation generation, boolean needsRebuild) {
	}

}
