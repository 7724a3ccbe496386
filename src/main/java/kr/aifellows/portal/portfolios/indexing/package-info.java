/**
 * Keeps the search index in step with submitted applications (events through the JDBC
 * event publication registry) and rebuilds it on request.
 */
package kr.aifellows.portal.portfolios.indexing;
