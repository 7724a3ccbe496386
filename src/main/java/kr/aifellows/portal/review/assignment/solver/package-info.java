/**
 * The assignment as a min-cost flow: exactly k reviewers per application within caps and
 * floors, pins kept.
 */
package kr.aifellows.portal.review.assignment.solver;
