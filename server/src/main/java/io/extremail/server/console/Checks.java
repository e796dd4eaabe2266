package io.extremail.server.console;

import java.util.Locale;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import io.extremail.server.Sizes;

/** Checks every command group needs: the user or domain exists, a size is valid. */
final class Checks {
    private Checks() {
    }

    static Username existingUser(UsersRepository users, Username user) throws UsersRepositoryException {
        if (!users.contains(user)) {
            throw ConsoleException.notFound("NAME: no user " + user.asString());
        }
        return user;
    }

    static Domain existingDomain(DomainList domains, Domain domain, String key) throws DomainListException {
        if (!domains.containsDomain(domain)) {
            throw ConsoleException.notFound(key + ": " + domain.asString() + " is not a domain of this server");
        }
        return domain;
    }

    /** {@code 500}, {@code 100K}, {@code 20M}, {@code 1G} (powers of 1024), or {@code UNLIMITED}. */
    static QuotaSizeLimit size(String key, String value) {
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("UNLIMITED")) {
            return QuotaSizeLimit.unlimited();
        }
        long bytes = Sizes.bytes(upper).orElseThrow(() ->
            ConsoleException.badParameter(key + ": '" + value + "' is not a size (e.g. 500, 100K, 20M, 1G, UNLIMITED)"));
        return QuotaSizeLimit.size(bytes);
    }
}
