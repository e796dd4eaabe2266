package io.extremail.mailets.lists;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.Lists;

import io.extremail.lists.HeldPost;
import io.extremail.lists.HeldPostStore;
import io.extremail.lists.ListAccess;
import io.extremail.lists.ListRecipient;
import io.extremail.lists.MailingList;
import io.extremail.lists.MailingLists;
import io.extremail.lists.PostDecision;

/**
 * Mailing lists (WebAdmin {@code /lists}). For each recipient that is a list:
 * <ul>
 * <li>mail that already went through this list ({@code X-Loop} naming it, or its {@code List-Id}) is dropped:
 * the loop guard;</li>
 * <li>who may post is judged from the envelope sender and the list's access: {@code OPEN} anyone, {@code MEMBERS}
 * members and owners (others get a notice saying why, sent with a null sender), {@code MODERATED} owners (other
 * posts are held, the owners are told; WebAdmin releases or rejects them);</li>
 * <li>a distributed post gets {@code List-Id}, {@code List-Post}, {@code List-Unsubscribe}, {@code Precedence: list}
 * and {@code X-Loop}, and goes to the members with the list's owner address {@code name-owner@domain} as envelope
 * sender, so that bounces reach the owners. Members are sent in mails of {@code recipientsPerMessage} recipients:
 * a list of 10,000 is queued in a few mails that the spool threads deliver in parallel;</li>
 * <li>mail to {@code name-owner@domain} goes to the owners (to the postmaster when the list has none).</li>
 * </ul>
 * The mail then leaves the pipeline for those recipients; other recipients, if any, go on.
 *
 * <pre>{@code
 * <processor state="mailing-list">
 *     <mailet match="All" class="io.extremail.mailets.lists.MailingListDistribution">
 *         <recipientsPerMessage>500</recipientsPerMessage>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class MailingListDistribution extends GenericMailet {
    /** Set by the release of a held post: the owner approved it for this list. */
    public static final AttributeName APPROVED_FOR = AttributeName.of("io.extremail.lists.approvedFor");
    public static final String X_LOOP = "X-Loop";
    static final int DEFAULT_RECIPIENTS_PER_MESSAGE = 500;
    private static final Logger LOGGER = LoggerFactory.getLogger(MailingListDistribution.class);

    private final MailingLists lists;
    private final HeldPostStore heldPosts;
    private int recipientsPerMessage;

    @Inject
    public MailingListDistribution(MailingLists lists, HeldPostStore heldPosts) {
        this.lists = lists;
        this.heldPosts = heldPosts;
    }

    @Override
    public void init() throws MessagingException {
        String value = getInitParameter("recipientsPerMessage", String.valueOf(DEFAULT_RECIPIENTS_PER_MESSAGE));
        try {
            recipientsPerMessage = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            recipientsPerMessage = 0;
        }
        if (recipientsPerMessage < 1) {
            throw new MessagingException("recipientsPerMessage: '" + value + "' is not a positive whole number");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> others = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<ListRecipient> list = lists.recipient(recipient);
            if (list.isEmpty()) {
                others.add(recipient);
            } else if (list.get().role() == ListRecipient.Role.OWNER) {
                toOwners(list.get().list(), mail);
            } else {
                post(list.get().list(), mail);
            }
        }
        mail.setRecipients(others);
        if (others.isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    private void post(MailingList list, Mail mail) throws MessagingException {
        if (alreadyWentThrough(list, mail.getMessage())) {
            LOGGER.info("Dropped mail {} from {}: it already went through list {} (loop)", mail.getName(),
                mail.getMaybeSender().asString(), list.address().asString());
            return;
        }
        if (isApprovedFor(list, mail)) {
            distribute(list, mail);
            return;
        }
        MaybeSender sender = mail.getMaybeSender();
        boolean member = list.access() == ListAccess.MEMBERS && sender.asOptional()
            .map(address -> lists.store().isMember(list.address(), address).block())
            .orElse(false);
        PostDecision decision = PostDecision.of(list, sender, member);
        switch (decision.outcome()) {
            case DISTRIBUTE -> distribute(list, mail);
            case HOLD -> hold(list, mail);
            case REFUSE -> refuse(list, mail, decision.reason());
        }
    }

    private void distribute(MailingList list, Mail mail) throws MessagingException {
        List<MailAddress> members = lists.store().members(list.address()).collectList().block();
        LOGGER.info("List {}: distributing mail {} from {} to {} members", list.address().asString(), mail.getName(),
            mail.getMaybeSender().asString(), members.size());
        if (members.isEmpty()) {
            return;
        }
        MimeMessage message = new MimeMessage(mail.getMessage());
        message.setHeader("List-Id", "<" + list.listId() + ">");
        message.setHeader("List-Post", "<mailto:" + list.address().asString() + ">");
        message.setHeader("List-Unsubscribe", "<mailto:" + list.ownerAddress().asString() + "?subject=unsubscribe>");
        message.setHeader("Precedence", "list");
        message.addHeader(X_LOOP, list.address().asString());
        message.saveChanges();
        for (List<MailAddress> part : Lists.partition(members, recipientsPerMessage)) {
            send(MailImpl.builder()
                .name(MailImpl.getId())
                .sender(list.ownerAddress())
                .addRecipients(part)
                .mimeMessage(message)
                .addAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE)
                .build());
        }
    }

    private void hold(MailingList list, Mail mail) throws MessagingException {
        HeldPost post = heldPosts.hold(list.address(), mail.getMaybeSender(), ListNotices.subjectOf(mail.getMessage()),
            bytes(mail.getMessage())).block();
        LOGGER.info("List {}: held mail {} from {} as {}", list.address().asString(), mail.getName(),
            mail.getMaybeSender().asString(), post.id());
        Collection<MailAddress> owners = owners(list);
        send(MailImpl.builder()
            .name(MailImpl.getId())
            .addRecipients(List.copyOf(owners))
            .mimeMessage(ListNotices.held(list, owners, post))
            .build());
    }

    private void refuse(MailingList list, Mail mail, String reason) throws MessagingException {
        LOGGER.info("List {}: refused mail {} from {}: {}", list.address().asString(), mail.getName(),
            mail.getMaybeSender().asString(), reason);
        if (mail.getMaybeSender().isNullSender()) {
            return;
        }
        MailAddress poster = mail.getMaybeSender().get();
        send(MailImpl.builder()
            .name(MailImpl.getId())
            .addRecipient(poster)
            .mimeMessage(ListNotices.notDistributed(list, poster, ListNotices.subjectOf(mail.getMessage()), reason))
            .addAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE)
            .build());
    }

    private void toOwners(MailingList list, Mail mail) throws MessagingException {
        send(MailImpl.builder()
            .name(MailImpl.getId())
            .sender(mail.getMaybeSender())
            .addRecipients(List.copyOf(owners(list)))
            .mimeMessage(new MimeMessage(mail.getMessage()))
            .addAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE)
            .build());
    }

    private Collection<MailAddress> owners(MailingList list) {
        return list.owners().isEmpty() ? List.of(getMailetContext().getPostmaster()) : list.owners();
    }

    private void send(MailImpl mail) throws MessagingException {
        try {
            getMailetContext().sendMail(mail);
        } finally {
            mail.dispose();
        }
    }

    private static boolean alreadyWentThrough(MailingList list, MimeMessage message) throws MessagingException {
        String[] loops = Optional.ofNullable(message.getHeader(X_LOOP)).orElse(new String[0]);
        String[] listIds = Optional.ofNullable(message.getHeader("List-Id")).orElse(new String[0]);
        return Arrays.stream(loops).anyMatch(value -> value.strip().equalsIgnoreCase(list.address().asString()))
            || Arrays.stream(listIds).anyMatch(value -> value.toLowerCase().contains("<" + list.listId() + ">"));
    }

    private static boolean isApprovedFor(MailingList list, Mail mail) {
        return mail.getAttribute(APPROVED_FOR)
            .map(Attribute::getValue)
            .map(AttributeValue::value)
            .filter(list.address().asString()::equals)
            .isPresent();
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("Could not read the message to hold", e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Distributes mail to mailing lists, with access control, moderation and a loop guard";
    }
}
