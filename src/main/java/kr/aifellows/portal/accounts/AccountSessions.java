package kr.aifellows.portal.accounts;

import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends an account's sessions and remember-me tokens. Both live in the portal's database
 * (Spring Session JDBC and the persistent remember-me tokens), so ending them here ends
 * them on every instance: no instance keeps a session in memory between requests.
 */
@Component
class AccountSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final PersistentTokenRepository rememberMeTokens;

	private final TransactionTemplate transaction;

	AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions,
			PersistentTokenRepository rememberMeTokens, PlatformTransactionManager transactionManager) {
		this.sessions = sessions;
		this.rememberMeTokens = rememberMeTokens;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Ends every session of the account except {@code keepSessionId} (the caller's own,
	 * or null), and all its remember-me tokens, once the surrounding transaction (the
	 * password change, the deactivation) has committed; at once when there is none.
	 */
	void endAll(String email, String keepSessionId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					end(email, keepSessionId);
				}
			});
		}
		else {
			end(email, keepSessionId);
		}
	}

	int count(String email) {
		return sessions.findByPrincipalName(email).size();
	}

	private void end(String email, String keepSessionId) {
		transaction.executeWithoutResult(status -> {
			sessions.findByPrincipalName(email)
				.keySet()
				.stream()
				.filter(id -> !id.equals(keepSessionId))
				.forEach(sessions::deleteById);
			rememberMeTokens.removeUserTokens(email);
		});
	}

}
