package kr.aifellows.portal.search.lucene;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 of the passage's terms, favouring early passages) without
 * the 32 KB term hash it allocates for every passage, which made most of a search's
 * garbage.
 */
final class LeanPassageScorer extends PassageScorer {

	@Override
	public float score(Passage passage, int contentLength) {
		int matches = passage.getNumMatches();
		BytesRef[] terms = passage.getMatchTerms();
		int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
		BytesRef[] distinct = new BytesRef[matches];
		int[] freqsInPassage = new int[matches];
		int[] distinctFreqsInDoc = new int[matches];
		int size = 0;
		for (int i = 0; i < matches; i++) {
			int found = 0;
			while (found < size && !distinct[found].bytesEquals(terms[i])) {
				found++;
			}
			if (found == size) {
				distinct[size] = terms[i];
				distinctFreqsInDoc[size] = freqsInDoc[i];
				size++;
			}
			freqsInPassage[found]++;
		}
		float score = 0;
		for (int i = 0; i < size; i++) {
			score += tf(freqsInPassage[i], passage.getLength()) * weight(contentLength, distinctFreqsInDoc[i]);
		}
		return score * norm(passage.getStartOffset());
	}

}
