/**
 * The reviewer pool: reviewers and their profiles, invitations one by one or from a
 * sheet, load limits, the demo reviewers.
 */
package kr.aifellows.portal.review.pool;
