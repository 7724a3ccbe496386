/**
 * Full-text search over application documents (embedded Lucene or Elasticsearch);
 * independent of the portal.
 */
package kr.aifellows.portal.search;
