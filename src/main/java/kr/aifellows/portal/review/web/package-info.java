/**
 * The committee's pages: the chair's, the reviewers', the pool's and institutions', the
 * applicant's decision.
 */
package kr.aifellows.portal.review.web;
