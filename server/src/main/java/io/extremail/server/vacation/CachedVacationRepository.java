package io.extremail.server.vacation;

import javax.inject.Inject;

import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.Vacation;
import org.apache.james.vacation.api.VacationPatch;
import org.apache.james.vacation.api.VacationRepository;
import org.apache.james.vacation.cassandra.CassandraVacationRepository;

import io.extremail.snapshot.RecentAnswers;
import reactor.core.publisher.Mono;

/**
 * James's vacations in Cassandra, with each user's vacation (most often: none) kept for
 * {@link RecentAnswers#TIME_TO_LIVE}: the Autoresponder mailet reads it for every local recipient of every message.
 * Whether a kept vacation is active is still decided from its dates at each message.
 */
public class CachedVacationRepository implements VacationRepository {
    private final CassandraVacationRepository cassandra;
    private final RecentAnswers<AccountId, Vacation> vacations = new RecentAnswers<>();

    @Inject
    public CachedVacationRepository(CassandraVacationRepository cassandra) {
        this.cassandra = cassandra;
    }

    @Override
    public Mono<Void> modifyVacation(AccountId accountId, VacationPatch patch) {
        return cassandra.modifyVacation(accountId, patch).doFinally(signal -> vacations.forget(accountId));
    }

    @Override
    public Mono<Vacation> retrieveVacation(AccountId accountId) {
        return vacations.get(accountId, cassandra::retrieveVacation);
    }
}
