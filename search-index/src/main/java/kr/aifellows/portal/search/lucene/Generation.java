package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import kr.aifellows.portal.search.SearchUnavailableException;
import kr.aifellows.portal.search.query.IndexFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.FSDirectory;

/**
 * One Lucene index under the root folder, with its writer and its near-real-time
 * searchers.
 */
record Generation(Path path, FSDirectory directory, IndexWriter writer, SearcherManager searchers) {

	/** The commit user data's key for {@link IndexFields#LAYOUT}. */
	static final String LAYOUT_KEY = "layout";

	static Generation open(Path path, Analyzer analyzer) throws IOException {
		Files.createDirectories(path);
		FSDirectory directory = FSDirectory.open(path);
		IndexWriter writer = new IndexWriter(directory,
				new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
		writer.setLiveCommitData(Map.of(LAYOUT_KEY, Integer.toString(IndexFields.LAYOUT)).entrySet());
		writer.commit();
		return new Generation(path, directory, writer, new SearcherManager(writer, null));
	}

	String name() {
		return path.getFileName().toString();
	}

	void commitAndRefresh() throws IOException {
		writer.commit();
		searchers.maybeRefreshBlocking();
	}

	void close() {
		try {
			searchers.close();
			writer.close();
			directory.close();
		}
		catch (IOException | AlreadyClosedException ex) {
			throw new SearchUnavailableException("Cannot close the search index", ex);
		}
	}

	void closeAndDelete() {
		try {
			close();
		}
		finally {
			try {
				delete(path);
			}
			catch (IOException ignored) {
				// a leftover folder is harmless: it is never named current again
			}
		}
	}

	/** Deletes a generation's folder with everything in it. */
	static void delete(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
	}
}
