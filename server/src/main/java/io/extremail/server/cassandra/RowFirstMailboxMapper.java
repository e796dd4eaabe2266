package io.extremail.server.cassandra;

import java.time.Duration;

import org.apache.james.core.Username;
import org.apache.james.mailbox.acl.ACLDiff;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxPathV3DAO;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxACL.Right;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.store.mail.MailboxMapper;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * James's Cassandra mailbox mapper, creating and renaming a mailbox in an order in which no reader can take it for
 * a broken one. A mailbox is a row (by id) and a name (by path, claimed with compare-and-set). James 3.8.1 claims
 * the name first and writes the row next; a delivery reading the name in between, with James's mailbox read repair
 * (mailbox.read.repair.chance), finds no row, removes the name as left over from a failed creation, and creates
 * INBOX again: the first delivery then stores its message in a mailbox that no longer has a name, out of every
 * client's sight. Here the row is written first, and removed again if the name turns out to be taken; a rename
 * claims the new name, then moves the row, then frees the old name. Mailboxes found by name are kept a while
 * ({@link MailboxesByPath}). Everything else is James's mapper.
 */
class RowFirstMailboxMapper implements MailboxMapper {
    private static final Retry WRITE_RETRY = Retry.backoff(5, Duration.ofMillis(10)).maxBackoff(Duration.ofSeconds(1));

    private final MailboxMapper james;
    private final CassandraMailboxDAO rows;
    private final CassandraMailboxPathV3DAO names;
    private final MailboxesByPath byPath = new MailboxesByPath();

    RowFirstMailboxMapper(MailboxMapper james, CassandraMailboxDAO rows, CassandraMailboxPathV3DAO names) {
        this.james = james;
        this.rows = rows;
        this.names = names;
    }

    @Override
    public Mono<Mailbox> create(MailboxPath path, UidValidity uidValidity) {
        return byPath.change(() -> createRowFirst(path, uidValidity));
    }

    private Mono<Mailbox> createRowFirst(MailboxPath path, UidValidity uidValidity) {
        CassandraId id = CassandraId.timeBased();
        Mailbox mailbox = new Mailbox(path, uidValidity, id);
        return rows.save(mailbox).retryWhen(WRITE_RETRY)
            .then(names.save(mailbox))
            .flatMap(claimed -> claimed
                ? Mono.just(mailbox)
                : rows.delete(id).retryWhen(WRITE_RETRY)
                    .then(Mono.error(() -> new MailboxExistsException(path.asString()))));
    }

    @Override
    public Mono<MailboxId> rename(Mailbox renamed) {
        return byPath.change(() -> renameRowFirst(renamed));
    }

    private Mono<MailboxId> renameRowFirst(Mailbox renamed) {
        CassandraId id = (CassandraId) renamed.getMailboxId();
        return rows.retrieveMailbox(id)
            .switchIfEmpty(Mono.error(() -> new MailboxNotFoundException(id)))
            .flatMap(current -> names.save(renamed)
                .flatMap(claimed -> claimed
                    ? rows.save(renamed).retryWhen(WRITE_RETRY)
                        .then(names.delete(current.generateAssociatedPath()).retryWhen(WRITE_RETRY))
                        .thenReturn((MailboxId) id)
                    : Mono.error(() -> new MailboxExistsException(renamed.generateAssociatedPath().asString()))));
    }

    @Override
    public Mono<Void> delete(Mailbox mailbox) {
        return byPath.change(() -> james.delete(mailbox));
    }

    @Override
    public Mono<Mailbox> findMailboxByPath(MailboxPath path) {
        return byPath.find(path, () -> james.findMailboxByPath(path));
    }

    @Override
    public Mono<Boolean> pathExists(MailboxPath path) {
        return james.pathExists(path);
    }

    @Override
    public Mono<Mailbox> findMailboxById(MailboxId id) {
        return james.findMailboxById(id);
    }

    @Override
    public Flux<Mailbox> findNonPersonalMailboxes(Username user, Right right) {
        return james.findNonPersonalMailboxes(user, right);
    }

    @Override
    public Flux<Mailbox> findMailboxWithPathLike(MailboxQuery.UserBound query) {
        return james.findMailboxWithPathLike(query);
    }

    @Override
    public Flux<MailboxId> userMailboxes(Username user) {
        return james.userMailboxes(user);
    }

    @Override
    public Mono<Boolean> hasChildren(Mailbox mailbox, char delimiter) {
        return james.hasChildren(mailbox, delimiter);
    }

    @Override
    public Mono<ACLDiff> updateACL(Mailbox mailbox, MailboxACL.ACLCommand command) {
        return byPath.change(() -> james.updateACL(mailbox, command));
    }

    @Override
    public Mono<ACLDiff> setACL(Mailbox mailbox, MailboxACL acl) {
        return byPath.change(() -> james.setACL(mailbox, acl));
    }

    @Override
    public Flux<Mailbox> list() {
        return james.list();
    }
}
