/**
 * Conflicts of interest: the rules, their findings and waivers, person-name and
 * institution matching.
 */
package kr.aifellows.portal.review.conflicts;
