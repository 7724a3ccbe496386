/**
 * Text extraction in a killable child JVM:
 * {@link kr.aifellows.portal.portfolios.extraction.ExtractorProcess} keeps a warm,
 * low-priority child running
 * {@link kr.aifellows.portal.portfolios.extraction.ExtractorMain} and kills it when an
 * extraction outlives its timeout.
 */
package kr.aifellows.portal.portfolios.extraction;
