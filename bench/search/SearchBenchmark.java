import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import kr.aifellows.portal.search.ElasticsearchTestNode;
import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.elasticsearch.ElasticsearchSearchIndex;
import kr.aifellows.portal.search.lucene.LuceneSearchIndex;

/**
 * Indexes N synthetic Korean/English portfolios into the embedded Lucene backend, the
 * Elasticsearch test node and a PostgreSQL table, then runs a fixed query mix against
 * each and prints indexing throughput and query latency percentiles. Run with
 * bench/search/run.sh.
 *
 * Arguments: [documents=100000] [lucene-rounds=50] [es-rounds=20] [ilike-rounds=2]
 * [skip-es]
 */
public class SearchBenchmark {

	static final String[] KO = { "강화학습", "언어모델", "모델을", "데이터셋", "신경망", "최적화", "추론", "학습", "로봇", "제어", "음성", "인식", "이미지",
			"생성", "정렬", "평가", "경량화", "양자화", "멀티모달", "연구", "실험", "결과", "성능", "효율", "분산", "그래프", "의료", "진단", "단백질", "구조",
			"예측", "자율주행", "보상", "정책", "시뮬레이션", "벤치마크", "한국어", "번역", "요약", "검색" };

	static final String[] KO_PARTICLES = { "", "을", "를", "이", "가", "은", "는", "에서", "으로", "의", "과" };

	static final String[] EN = { "reinforcement", "learning", "language", "models", "training", "trained", "vision",
			"transformers", "attention", "efficient", "inference", "quantization", "speech", "recognition", "robot",
			"control", "policy", "reward", "graph", "neural", "networks", "protein", "structure", "prediction",
			"diffusion", "generation", "alignment", "evaluation", "benchmark", "distributed", "optimization", "medical",
			"imaging", "retrieval", "summarization", "translation", "multimodal", "embodied", "safety", "data" };

	static final String[] AREAS = { "NLP", "COMPUTER_VISION", "SPEECH", "REINFORCEMENT_LEARNING", "ROBOTICS",
			"MULTIMODAL", "AI_SAFETY", "AI_SYSTEMS", "AI_FOR_SCIENCE", "HEALTHCARE" };

	static final String[] AFFILIATIONS = { "KAIST", "Seoul National University", "POSTECH", "Yonsei University",
			"Korea University", "UNIST", "GIST", "Sungkyunkwan University" };

	/**
	 * The fixed query mix, with the words a naive ILIKE implementation would look for.
	 */
	static final List<String[]> QUERIES = List.of(new String[] { "강화학습", "강화학습" }, new String[] { "모델을", "모델" },
			new String[] { "강화 학습", "강화", "학습" }, new String[] { "language models", "language", "models" },
			new String[] { "training", "training" }, new String[] { "\"vision transformers\"", "vision transformers" },
			new String[] { "로봇 제어", "로봇", "제어" }, new String[] { "reinforcement 보상", "reinforcement", "보상" },
			new String[] { "quantization -speech", "quantization" }, new String[] { "area:NLP 번역", "번역" },
			new String[] { "단백질 structure prediction", "단백질", "structure", "prediction" },
			new String[] { "status:SUBMITTED 의료 진단", "의료", "진단" }, new String[] { "affiliation:KAIST 멀티모달", "멀티모달" },
			new String[] { "efficient inference", "efficient", "inference" },
			new String[] { "자율주행 시뮬레이션", "자율주행", "시뮬레이션" }, new String[] { "diffusion", "diffusion" },
			new String[] { "한국어 요약 summarization", "한국어", "요약", "summarization" },
			new String[] { "benchmark 평가", "benchmark", "평가" },
			new String[] { "graph neural networks", "graph", "neural", "networks" },
			new String[] { "안전 safety alignment", "safety", "alignment" });

	public static void main(String[] args) throws Exception {
		int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int luceneRounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
		int esRounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		int ilikeRounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
		boolean skipEs = Arrays.asList(args).contains("skip-es");
		System.out.printf(Locale.ROOT, "documents=%d, %d queries in the mix, cores=%d, java=%s%n", documents,
				QUERIES.size(), Runtime.getRuntime().availableProcessors(), Runtime.version());

		Path directory = Path.of("target", "bench-search", "lucene-" + System.currentTimeMillis());
		Result lucene;
		try (LuceneSearchIndex index = new LuceneSearchIndex(directory)) {
			lucene = run("lucene", index, documents, luceneRounds);
		}
		Result ilike = runIlike(documents, ilikeRounds);
		Result es = null;
		if (!skipEs) {
			try (ElasticsearchSearchIndex index = new ElasticsearchSearchIndex(List.of(ElasticsearchTestNode.uri()),
					null, null, "bench-" + System.currentTimeMillis())) {
				es = run("elasticsearch", index, documents, esRounds);
			}
		}
		System.out.println();
		System.out.println("| backend | docs/s indexed | p50 ms | p99 ms | mean ms | samples |");
		System.out.println("|---|---|---|---|---|---|");
		for (Result result : es == null ? List.of(lucene, ilike) : List.of(lucene, es, ilike)) {
			System.out.println(result.row());
		}
		System.out.printf(Locale.ROOT, "%nILIKE / Lucene: p50 %.1fx, p99 %.1fx%n", ilike.p50 / lucene.p50,
				ilike.p99 / lucene.p99);
		if (es != null) {
			System.out.printf(Locale.ROOT, "Elasticsearch / Lucene: p50 %.1fx, p99 %.1fx, indexing %.2fx%n",
					es.p50 / lucene.p50, es.p99 / lucene.p99, lucene.docsPerSecond / es.docsPerSecond);
		}
	}

	static Result run(String name, SearchIndex index, int documents, int rounds) {
		long start = System.nanoTime();
		List<SearchDocument> batch = new ArrayList<>(1000);
		for (int i = 0; i < documents; i++) {
			batch.add(document(i));
			if (batch.size() == 1000) {
				index.indexAll(batch);
				batch.clear();
			}
		}
		index.indexAll(batch);
		double seconds = (System.nanoTime() - start) / 1e9;
		double docsPerSecond = documents / seconds;
		System.out.printf(Locale.ROOT, "%s: indexed %d in %.1f s (%.0f docs/s)%n", name, documents, seconds,
				docsPerSecond);
		for (int warmup = 0; warmup < 10; warmup++) {
			for (String[] query : QUERIES) {
				index.search(SearchQuery.chair(1, query[0]));
			}
		}
		List<Double> samples = new ArrayList<>();
		long hits = 0;
		for (int round = 0; round < rounds; round++) {
			for (String[] query : QUERIES) {
				SearchQuery q = SearchQuery.chair(1, query[0]);
				long t = System.nanoTime();
				hits += index.search(q).total();
				samples.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf(Locale.ROOT, "%s: %d queries, %d hits in all (load average %s)%n", name, samples.size(), hits,
				loadAverage());
		Result result = Result.of(name, docsPerSecond, samples);
		// printed at once, so the figures survive a run stopped before the table at the
		// end
		System.out.println(result.row());
		return result;
	}

	/**
	 * The machine's load while the queries ran: figures on a busy machine measure the
	 * wait for a core.
	 */
	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** PostgreSQL ILIKE over the same text: the naive alternative. */
	static Result runIlike(int documents, int rounds) throws Exception {
		Method acquire = Class.forName("kr.aifellows.portal.system.database.EmbeddedPostgresServer")
			.getDeclaredMethod("acquire", Path.class, boolean.class, int.class);
		// the portal's embedded PostgreSQL starter knows how to run as root; it is
		// package-private
		acquire.setAccessible(true);
		EmbeddedPostgres postgres = (EmbeddedPostgres) acquire.invoke(null,
				Path.of("target", "bench-search", "postgres").toAbsolutePath(), true, 0);
		DataSource dataSource = postgres.getPostgresDatabase();
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("drop table if exists bench_documents");
				statement.execute("create table bench_documents (id bigint primary key, call_id bigint, status text,"
						+ " areas text, affiliations text, content text)");
			}
			long start = System.nanoTime();
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection
				.prepareStatement("insert into bench_documents values (?, ?, ?, ?, ?, ?)")) {
				for (int i = 0; i < documents; i++) {
					SearchDocument d = document(i);
					insert.setLong(1, i);
					insert.setLong(2, d.callId());
					insert.setString(3, d.status());
					insert.setString(4, String.join(" ", d.areas()));
					insert.setString(5, String.join("\n", d.affiliations()));
					insert.setString(6, String.join("\n", d.title(), d.abstractText(), d.body(),
							String.join("\n", d.publications())));
					insert.addBatch();
					if (i % 1000 == 999) {
						insert.executeBatch();
					}
				}
				insert.executeBatch();
			}
			connection.commit();
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("analyze bench_documents");
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(Locale.ROOT, "postgres: inserted %d in %.1f s%n", documents, seconds);
			List<Double> samples = new ArrayList<>();
			for (int round = 0; round < rounds + 1; round++) {
				for (String[] query : QUERIES) {
					StringBuilder sql = new StringBuilder("select count(*) from bench_documents where call_id = 1");
					for (int w = 1; w < query.length; w++) {
						sql.append(" and content ilike ?");
					}
					try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
						for (int w = 1; w < query.length; w++) {
							select.setString(w, "%" + query[w] + "%");
						}
						long t = System.nanoTime();
						try (ResultSet rs = select.executeQuery()) {
							rs.next();
						}
						if (round > 0) {
							samples.add((System.nanoTime() - t) / 1e6);
						}
					}
				}
			}
			return Result.of("postgres ILIKE", documents / seconds, samples);
		}
	}

	static SearchDocument document(int i) {
		Random random = new Random(i * 31L + 7);
		return new SearchDocument(Integer.toString(i), 1, random.nextInt(10) == 0 ? "UNDER_REVIEW" : "SUBMITTED",
				new HashSet<>(List.of(AREAS[random.nextInt(AREAS.length)], AREAS[random.nextInt(AREAS.length)])),
				List.of(AFFILIATIONS[random.nextInt(AFFILIATIONS.length)]),
				List.of("지원자" + i, "Applicant " + i, "applicant" + i + "@example.kr"), text(random, 8),
				text(random, 40), text(random, 150), "", List.of(text(random, 8) + ", NeurIPS"),
				List.of(text(random, 10)),
				Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(60 * 60 * 24 * 500)));
	}

	/**
	 * One word in ten is a real AI term from the query vocabulary (Korean with a
	 * particle, or English); the rest are Zipf-distributed filler words from a larger
	 * made-up vocabulary, so that a query term occurs in a realistic share of the
	 * documents rather than in most of them.
	 */
	static String text(Random random, int words) {
		StringBuilder text = new StringBuilder();
		for (int w = 0; w < words; w++) {
			int kind = random.nextInt(20);
			if (kind == 0) {
				text.append(EN[random.nextInt(EN.length)]);
			}
			else if (kind == 1) {
				text.append(KO[random.nextInt(KO.length)]).append(KO_PARTICLES[random.nextInt(KO_PARTICLES.length)]);
			}
			else {
				int rank = (int) (Math.pow(random.nextDouble(), 2.5) * FILLER_WORDS);
				text.append(rank % 2 == 0 ? korean(rank) + KO_PARTICLES[random.nextInt(KO_PARTICLES.length)]
						: english(rank));
			}
			text.append(w % 12 == 11 ? ". " : " ");
		}
		return text.toString().strip();
	}

	static final int FILLER_WORDS = 4000;

	static final String SYLLABLES = "가나다라마바사아자차카타파하거너더러머버서어저처코토포호구누두루무부수우주추";

	static String korean(int rank) {
		int n = SYLLABLES.length();
		return "" + SYLLABLES.charAt(rank % n) + SYLLABLES.charAt((rank / n) % n) + SYLLABLES.charAt((rank / 7) % n);
	}

	static String english(int rank) {
		StringBuilder word = new StringBuilder("q");
		for (int value = rank + 1000; value > 0; value /= 26) {
			word.append((char) ('a' + value % 26));
		}
		return word.toString();
	}

	record Result(String name, double docsPerSecond, double p50, double p99, double mean, int samples) {

		static Result of(String name, double docsPerSecond, List<Double> samples) {
			double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			return new Result(name, docsPerSecond, percentile(sorted, 50), percentile(sorted, 99),
					Arrays.stream(sorted).average().orElse(0), sorted.length);
		}

		static double percentile(double[] sorted, double p) {
			if (sorted.length == 0) {
				return 0;
			}
			int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
		}

		String row() {
			return String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %d |", name, docsPerSecond, p50, p99,
					mean, samples);
		}
	}

}
