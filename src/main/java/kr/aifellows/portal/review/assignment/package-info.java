/**
 * Who reviews what: the automatic assignment from expertise similarity, the chair's
 * changes, declines.
 */
package kr.aifellows.portal.review.assignment;
