package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.util.Collection;

import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchUnavailableException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The index's writing: writes go to the live generation (and to the one a rebuild is
 * filling), and are committed in groups; a rebuilt generation is swapped in as the live
 * one.
 */
final class LuceneWriter implements AutoCloseable {

	private final GenerationFolder folder;

	private final Analyzer analyzer;

	private final LuceneDocuments documents;

	private final Object writeLock = new Object();

	/** Held while committing; never taken inside {@code writeLock}. */
	private final Object commitLock = new Object();

	/**
	 * Writes applied so far (guarded by writeLock) and how many of them are committed
	 * (guarded by commitLock).
	 */
	private long writes;

	private long committedWrites;

	private volatile Generation live;

	private Generation building;

	private volatile boolean needsRebuild;

	LuceneWriter(GenerationFolder folder, Analyzer analyzer, LuceneDocuments documents) throws IOException {
		this.folder = folder;
		this.analyzer = analyzer;
		this.documents = documents;
		GenerationFolder.Opened opened = folder.openCurrent(analyzer);
		this.live = opened.generation();
		this.needsRebuild = opened.needsRebuild();
	}

	/** The generation searches read. */
	Generation live() {
		return live;
	}

	boolean needsRebuild() {
		return needsRebuild;
	}

	void indexAll(Collection<SearchDocument> added) {
		write(generation -> add(generation, added));
	}

	void remove(String id) {
		write(generation -> generation.writer().deleteDocuments(LuceneDocuments.idTerm(id)));
	}

	private void add(Generation generation, Collection<SearchDocument> added) throws IOException {
		for (SearchDocument document : added) {
			generation.writer().updateDocument(LuceneDocuments.idTerm(document.id()), documents.toLucene(document));
		}
	}

	/**
	 * Applies a write and returns once it is committed and searchable. Commits are
	 * grouped: a writer that finds a commit in progress waits for it and then commits
	 * everything written meanwhile at once, so that a burst of writes (the deadline rush
	 * indexes every submission) costs a few commits (each an fsync and a new segment)
	 * instead of one per document.
	 */
	private void write(Write write) {
		long mine;
		synchronized (writeLock) {
			try {
				write.to(live);
				if (building != null) {
					write.to(building);
				}
			}
			catch (IOException | AlreadyClosedException ex) {
				throw new SearchUnavailableException("Cannot write to the search index", ex);
			}
			mine = ++writes;
		}
		commitThrough(mine);
	}

	private void commitThrough(long write) {
		synchronized (commitLock) {
			if (committedWrites >= write) {
				return;
			}
			long upTo;
			Generation generation;
			synchronized (writeLock) {
				upTo = writes;
				generation = live;
			}
			try {
				generation.commitAndRefresh();
			}
			catch (IOException | AlreadyClosedException ex) {
				if (generation == live) {
					throw new SearchUnavailableException("Cannot write to the search index", ex);
				}
				// Swapped meanwhile: the swap committed the new generation, which
				// received these writes too.
			}
			committedWrites = upTo;
		}
	}

	SearchIndex.Rebuild rebuild() {
		Generation fresh;
		synchronized (writeLock) {
			if (building != null) {
				throw new IllegalStateException("A rebuild is already running");
			}
			try {
				fresh = folder.openNew(analyzer);
			}
			catch (IOException ex) {
				throw new SearchUnavailableException("Cannot create a new search index", ex);
			}
			building = fresh;
		}
		return new Rebuilding(fresh);
	}

	@Override
	public void close() {
		synchronized (writeLock) {
			if (building != null) {
				building.closeAndDelete();
				building = null;
			}
			live.close();
		}
	}

	/**
	 * Fills a fresh generation, which the live one's writes also reach, until it is
	 * swapped in.
	 */
	private final class Rebuilding implements SearchIndex.Rebuild {

		private final Generation fresh;

		private boolean swapped;

		Rebuilding(Generation fresh) {
			this.fresh = fresh;
		}

		@Override
		public void add(Collection<SearchDocument> added) {
			try {
				LuceneWriter.this.add(fresh, added);
			}
			catch (IOException ex) {
				throw new SearchUnavailableException("Cannot write to the new search index", ex);
			}
		}

		@Override
		public void swap() {
			Generation old;
			synchronized (writeLock) {
				try {
					fresh.commitAndRefresh();
					folder.makeCurrent(fresh);
				}
				catch (IOException ex) {
					throw new SearchUnavailableException("Cannot swap in the new search index", ex);
				}
				old = live;
				live = fresh;
				building = null;
				swapped = true;
				needsRebuild = false;
			}
			old.closeAndDelete();
		}

		@Override
		public void close() {
			synchronized (writeLock) {
				if (swapped) {
					return;
				}
				if (building == fresh) {
					building = null;
				}
			}
			fresh.closeAndDelete();
		}

	}

	@FunctionalInterface
	private interface Write {

		void to(Generation generation) throws IOException;

	}

}
