/**
 * Blind review: the blind levels and what reviewers see of an application under them; a
 * named interface for the other modules.
 */
@NamedInterface("blind")
package kr.aifellows.portal.portfolios.blind;

import org.springframework.modulith.NamedInterface;
