package io.extremail.server.cassandra;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.api.model.User;
import org.apache.james.user.cassandra.CassandraUsersDAO;
import org.apache.james.user.lib.UsersDAO;
import org.reactivestreams.Publisher;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/**
 * James's users in Cassandra, with "this user exists" kept in memory for {@link #TIME_TO_LIVE}: each message asks it
 * at SMTP RCPT and again when routed to local delivery. Only existence is cached, never a password, and only
 * positive answers: a new user is seen at once. A user removed through this server is forgotten at once; through
 * another server of the cluster, within {@link #TIME_TO_LIVE}: mail that server accepts meanwhile is treated as
 * mail already queued when the user was removed (stored in a mailbox nobody logs into any more).
 */
@Singleton
public class CachedUsersDAO implements UsersDAO {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);

    private final CassandraUsersDAO cassandra;
    private final Cache<Username, Boolean> existing = CacheBuilder.newBuilder()
        .expireAfterWrite(TIME_TO_LIVE)
        .maximumSize(100_000)
        .build();

    @Inject
    public CachedUsersDAO(CassandraUsersDAO cassandra) {
        this.cassandra = cassandra;
    }

    @Override
    public boolean getDefaultVirtualHostingValue() {
        return cassandra.getDefaultVirtualHostingValue();
    }

    @Override
    public Optional<? extends User> getUserByName(Username name) throws UsersRepositoryException {
        return cassandra.getUserByName(name);
    }

    @Override
    public void updateUser(User user) throws UsersRepositoryException {
        cassandra.updateUser(user);
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        existing.invalidate(name);
        cassandra.removeUser(name);
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        if (existing.getIfPresent(name) != null) {
            return true;
        }
        boolean exists = cassandra.contains(name);
        if (exists) {
            existing.put(name, true);
        }
        return exists;
    }

    @Override
    public Publisher<Boolean> containsReactive(Username name) {
        if (existing.getIfPresent(name) != null) {
            return Mono.just(true);
        }
        return Mono.from(cassandra.containsReactive(name))
            .doOnNext(exists -> {
                if (exists) {
                    existing.put(name, true);
                }
            });
    }

    @Override
    public int countUsers() throws UsersRepositoryException {
        return cassandra.countUsers();
    }

    @Override
    public Iterator<Username> list() throws UsersRepositoryException {
        return cassandra.list();
    }

    @Override
    public Publisher<Username> listReactive() {
        return cassandra.listReactive();
    }

    @Override
    public void addUser(Username username, String password) throws UsersRepositoryException {
        cassandra.addUser(username, password);
    }
}
