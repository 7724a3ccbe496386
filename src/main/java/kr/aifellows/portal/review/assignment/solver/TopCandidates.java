package kr.aifellows.portal.review.assignment.solver;

import java.util.Arrays;

// The best-scoring items seen so far, in a min-heap, so that a sweep over thousands of reviewers
// costs one comparison for most of them.
final class TopCandidates {

	private final int[] items;

	private final double[] scores;

	private int count;

	TopCandidates(int size) {
		this.items = new int[size];
		this.scores = new double[size];
	}

	int count() {
		return count;
	}

	boolean full() {
		return count == items.length;
	}

	// Callers check expensive conditions (conflicts) only when this says yes.
	boolean wouldAccept(double score) {
		return count < items.length || score > scores[0];
	}

	void offer(int item, double score) {
		if (count < items.length) {
			int i = count++;
			items[i] = item;
			scores[i] = score;
			siftUp(i);
		}
		else if (score > scores[0]) {
			items[0] = item;
			scores[0] = score;
			siftDown(0);
		}
	}

	// Once full, every score turned away was at most this.
	double lowest() {
		return scores[0];
	}

	int[] items() {
		return Arrays.copyOf(items, count);
	}

	double[] scores() {
		return Arrays.copyOf(scores, count);
	}

	private void siftUp(int i) {
		while (i > 0) {
			int parent = (i - 1) >>> 1;
			if (scores[parent] <= scores[i]) {
				return;
			}
			swap(i, parent);
			i = parent;
		}
	}

	private void siftDown(int i) {
		while (true) {
			int left = 2 * i + 1;
			if (left >= count) {
				return;
			}
			int smallest = left;
			if (left + 1 < count && scores[left + 1] < scores[left]) {
				smallest = left + 1;
			}
			if (scores[i] <= scores[smallest]) {
				return;
			}
			swap(i, smallest);
			i = smallest;
		}
	}

	private void swap(int a, int b) {
		int item = items[a];
		items[a] = items[b];
		items[b] = item;
		double score = scores[a];
		scores[a] = scores[b];
		scores[b] = score;
	}

}
