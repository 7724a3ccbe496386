package kr.aifellows.portal.search.lucene;

import java.io.IOException;

import kr.aifellows.portal.search.query.Glossary;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * A match's own score plus {@link Glossary#EXACT_BONUS}: the words as typed, scored once,
 * a tier above the glossary's alternatives. Adding a constant-score copy of the same
 * query instead would match and iterate the typed words a second time.
 */
final class ExactMatchBonus extends DoubleValuesSource {

	static final ExactMatchBonus INSTANCE = new ExactMatchBonus();

	private ExactMatchBonus() {
	}

	@Override
	public DoubleValues getValues(LeafReaderContext context, DoubleValues scores) {
		return new DoubleValues() {
			@Override
			public double doubleValue() throws IOException {
				return scores.doubleValue() + Glossary.EXACT_BONUS;
			}

			@Override
			public boolean advanceExact(int doc) throws IOException {
				return scores.advanceExact(doc);
			}
		};
	}

	@Override
	public boolean needsScores() {
		return true;
	}

	@Override
	public DoubleValuesSource rewrite(IndexSearcher searcher) {
		return this;
	}

	@Override
	public boolean isCacheable(LeafReaderContext context) {
		return true;
	}

	@Override
	public int hashCode() {
		return ExactMatchBonus.class.hashCode();
	}

	@Override
	public boolean equals(Object other) {
		return other == this;
	}

	@Override
	public String toString() {
		return "score+" + Glossary.EXACT_BONUS;
	}

}
