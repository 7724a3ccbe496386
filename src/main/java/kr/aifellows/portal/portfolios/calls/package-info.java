/**
 * Calls for applications: their definitions, criteria, extensions and the catalog; a
 * named interface for the other modules.
 */
@NamedInterface("calls")
package kr.aifellows.portal.portfolios.calls;

import org.springframework.modulith.NamedInterface;
