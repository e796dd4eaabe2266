package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;

import io.extremail.server.queue.DeliveryAttempts;

/**
 * QUEUE SHOW | REPORT | FLUSH | DEL: what waits in the mail queues ({@code spool}: accepted, not yet processed;
 * {@code outgoing}: waiting for remote delivery, with its attempts, last error and next retry).
 */
public class QueueCommands implements CommandGroup {
    private static final Parameter QUEUE = optional("QUEUE", "queue name [outgoing]; QUEUE REPORT lists them");
    private static final Parameter DOMAIN = optional("DOMAIN", "only the messages with a recipient in this domain");

    private final MailQueueFactory<? extends ManageableMailQueue> queues;

    @Inject
    public QueueCommands(MailQueueFactory<? extends ManageableMailQueue> queues) {
        this.queues = queues;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("QUEUE SHOW", "Lists the queued messages: recipients, attempts, next retry, age, last error.", this::show,
                QUEUE, DOMAIN, optional("LIMIT", "messages to show [1000]")),
            of("QUEUE REPORT", "Counts per queue, oldest message, and per destination domain.", this::report),
            of("QUEUE FLUSH", "Retries every waiting message of the queue now.", this::flush, QUEUE),
            of("QUEUE DEL", "Deletes queued messages: one by NAME, those for a DOMAIN, or ALL=YES.", this::delete, QUEUE,
                optional("NAME", "the message name shown by QUEUE SHOW"), DOMAIN, optional("ALL", "YES deletes every message of the queue")));
    }

    private Reply show(Parameters parameters) throws Exception {
        ManageableMailQueue queue = queue(parameters);
        Predicate<Mail> selected = domainFilter(parameters);
        int limit = parameters.number("LIMIT", 1000, 1_000_000);
        List<String> lines = new ArrayList<>();
        int count = 0;
        for (ManageableMailQueue.MailQueueItemView item : browse(queue)) {
            if (selected.test(item.getMail())) {
                count++;
                if (lines.size() < limit) {
                    lines.add(describe(item.getMail(), item));
                }
            }
        }
        return Reply.ok(count + " message(s) in " + queue.getName().asString(), lines);
    }

    private Reply report(Parameters parameters) throws Exception {
        List<String> lines = new ArrayList<>();
        Map<String, Integer> perDomain = new TreeMap<>();
        for (MailQueueName name : queues.listCreatedMailQueues().stream().sorted(Comparator.comparing(MailQueueName::asString)).toList()) {
            ManageableMailQueue queue = queues.getQueue(name).orElseThrow();
            int count = 0;
            Optional<Instant> oldest = Optional.empty();
            for (ManageableMailQueue.MailQueueItemView item : browse(queue)) {
                Mail mail = item.getMail();
                count++;
                Instant queued = queuedAt(mail);
                oldest = oldest.filter(known -> known.isBefore(queued)).or(() -> Optional.of(queued));
                mail.getRecipients().stream().map(recipient -> recipient.getDomain().asString()).distinct()
                    .forEach(domain -> perDomain.merge(name.asString() + " " + domain, 1, Integer::sum));
            }
            lines.add("queue " + name.asString() + ": " + count + " message(s)"
                + oldest.map(instant -> ", oldest " + age(instant) + " old").orElse(""));
        }
        perDomain.forEach((queueAndDomain, count) -> lines.add("  " + queueAndDomain + ": " + count));
        return Reply.ok(queues.listCreatedMailQueues().size() + " queue(s)", lines);
    }

    private Reply flush(Parameters parameters) throws Exception {
        ManageableMailQueue queue = queue(parameters);
        long flushed = queue.flush();
        return Reply.ok(flushed + " message(s) of " + queue.getName().asString() + " retried now");
    }

    private Reply delete(Parameters parameters) throws Exception {
        ManageableMailQueue queue = queue(parameters);
        Optional<String> name = parameters.optional("NAME");
        boolean all = parameters.yesNo("ALL", false);
        boolean byDomain = parameters.optional("DOMAIN").isPresent();
        Predicate<Mail> selected = domainFilter(parameters);
        if ((name.isPresent() ? 1 : 0) + (all ? 1 : 0) + (byDomain ? 1 : 0) != 1) {
            throw ConsoleException.badParameter("NAME: give exactly one of NAME, DOMAIN or ALL=YES");
        }
        if (all) {
            return Reply.ok(queue.clear() + " message(s) deleted from " + queue.getName().asString());
        }
        if (name.isPresent()) {
            long removed = queue.remove(ManageableMailQueue.Type.Name, name.get());
            if (removed == 0) {
                throw ConsoleException.notFound("NAME: no message " + name.get() + " in " + queue.getName().asString());
            }
            return Reply.ok(removed + " message(s) deleted from " + queue.getName().asString());
        }
        List<String> names = browse(queue).stream().map(ManageableMailQueue.MailQueueItemView::getMail)
            .filter(selected).map(Mail::getName).toList();
        long removed = 0;
        for (String mailName : names) {
            removed += queue.remove(ManageableMailQueue.Type.Name, mailName);
        }
        return Reply.ok(removed + " message(s) for " + parameters.get("DOMAIN") + " deleted from " + queue.getName().asString());
    }

    private static List<ManageableMailQueue.MailQueueItemView> browse(ManageableMailQueue queue) throws Exception {
        ManageableMailQueue.MailQueueIterator items = queue.browse();
        try {
            List<ManageableMailQueue.MailQueueItemView> all = new ArrayList<>();
            items.forEachRemaining(all::add);
            return all;
        } finally {
            items.close();
        }
    }

    private ManageableMailQueue queue(Parameters parameters) {
        String name = parameters.optional("QUEUE").orElse("outgoing").strip();
        return queues.getQueue(MailQueueName.of(name)).orElseThrow(() -> ConsoleException.notFound("QUEUE: no queue '" + name
            + "' (" + queues.listCreatedMailQueues().stream().map(MailQueueName::asString).sorted().collect(Collectors.joining(", ")) + ")"));
    }

    private static Predicate<Mail> domainFilter(Parameters parameters) {
        Optional<String> domain = parameters.optional("DOMAIN").map(value -> bare(parameters.domain("DOMAIN").asString()));
        return mail -> domain.map(wanted -> mail.getRecipients().stream()
            .anyMatch(recipient -> bare(recipient.getDomain().asString()).equals(wanted))).orElse(true);
    }

    /** {@code [192.0.2.1]} and {@code 192.0.2.1} name the same destination; James keeps literals without brackets. */
    private static String bare(String domain) {
        return domain.strip().replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
    }

    private static String describe(Mail mail, ManageableMailQueue.MailQueueItemView item) {
        int attempts = DeliveryAttempts.of(mail);
        String error = Optional.ofNullable(mail.getErrorMessage()).map(text -> text.replaceAll("\\s+", " ").strip()).orElse("");
        return mail.getName()
            + " from=<" + mail.getMaybeSender().asString() + ">"
            + " to=" + mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.joining(","))
            + " attempts=" + attempts
            + " next=" + item.getNextDelivery().map(Object::toString).orElse("now")
            + " age=" + age(queuedAt(mail))
            + (error.isEmpty() ? "" : " error=\"" + error + "\"");
    }

    private static Instant queuedAt(Mail mail) {
        return Optional.ofNullable(mail.getLastUpdated()).map(Date::toInstant).orElse(Instant.now());
    }

    private static String age(Instant since) {
        Duration age = Duration.between(since, Instant.now());
        return age.toSeconds() < 120 ? age.toSeconds() + "s" : age.toMinutes() < 120 ? age.toMinutes() + "m" : age.toHours() + "h";
    }
}
