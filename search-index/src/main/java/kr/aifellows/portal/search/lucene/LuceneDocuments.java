package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;

import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.TextFields;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * A {@link SearchDocument} as a Lucene document: keyword fields for filters, doc values
 * for sorting and facets, the content fields stored one by one and indexed together in
 * the catch-all {@link IndexFields#ALL_CONTENT} (and its English twin), identity text
 * indexed but not stored.
 */
final class LuceneDocuments {

	/**
	 * Offsets in the postings let the highlighter find matches without analysing the text
	 * again.
	 */
	private static final FieldType CONTENT_TYPE = contentType();

	private final FacetsConfig facetsConfig = new FacetsConfig();

	LuceneDocuments() {
		facetsConfig.setMultiValued(IndexFields.AREA, true);
		facetsConfig.setMultiValued(IndexFields.AFFILIATION, true);
	}

	FacetsConfig facetsConfig() {
		return facetsConfig;
	}

	static Term idTerm(String id) {
		return new Term(IndexFields.ID, id);
	}

	Document toLucene(SearchDocument source) throws IOException {
		Document document = new Document();
		document.add(new StringField(IndexFields.ID, source.id(), Field.Store.YES));
		document.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(source.id())));
		document.add(new StringField(IndexFields.CALL, Long.toString(source.callId()), Field.Store.NO));
		document.add(new StringField(IndexFields.STATUS, source.status(), Field.Store.YES));
		document.add(new NumericDocValuesField(IndexFields.DATE, source.date().toEpochMilli()));
		document.add(new StoredField(IndexFields.DATE, source.date().toEpochMilli()));
		addFacets(document, source);
		addTexts(document, TextFields.of(source));
		return facetsConfig.build(document);
	}

	private static void addFacets(Document document, SearchDocument source) {
		String year = Integer.toString(source.date().atZone(ZoneOffset.UTC).getYear());
		document.add(new StringField(IndexFields.YEAR, year, Field.Store.NO));
		if (!source.status().isEmpty()) {
			document.add(new SortedSetDocValuesFacetField(IndexFields.STATUS, source.status()));
		}
		document.add(new SortedSetDocValuesFacetField(IndexFields.YEAR, year));
		for (String area : source.areas()) {
			document.add(new StringField(IndexFields.AREA, area, Field.Store.NO));
			document.add(new SortedSetDocValuesFacetField(IndexFields.AREA, area));
		}
		for (String affiliation : new LinkedHashSet<>(source.affiliations())) {
			document
				.add(new StringField(IndexFields.AFFILIATION, affiliation.toLowerCase(Locale.ROOT), Field.Store.NO));
			document.add(new SortedSetDocValuesFacetField(IndexFields.AFFILIATION, affiliation));
		}
	}

	private static void addTexts(Document document, Map<String, String> texts) {
		for (String field : IndexFields.CONTENT) {
			String text = texts.get(field);
			if (text != null) {
				document.add(new StoredField(field, text));
				document.add(new Field(IndexFields.ALL_CONTENT, text, CONTENT_TYPE));
				document.add(new Field(IndexFields.ALL_CONTENT + IndexFields.EN, text, CONTENT_TYPE));
			}
		}
		for (String field : IndexFields.IDENTITY) {
			String text = texts.get(field);
			if (text != null) {
				document.add(new TextField(field, text, Field.Store.NO));
				document.add(new TextField(field + IndexFields.EN, text, Field.Store.NO));
			}
		}
	}

	private static FieldType contentType() {
		FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
		type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
		type.freeze();
		return type;
	}

}
