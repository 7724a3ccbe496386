/**
 * Personal access tokens for the REST API: made, listed, revoked and checked; a named
 * interface for the other modules (the data download lists a person's tokens).
 */
@NamedInterface("tokens")
package kr.aifellows.portal.accounts.tokens;

import org.springframework.modulith.NamedInterface;
