package io.extremail.mailets.forward;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/** The recipients a mail had before aliases and forwards rewrote them, kept as a mail attribute. */
final class OriginalRecipients {
    static final AttributeName ATTRIBUTE = AttributeName.of("io.extremail.originalRecipients");

    private OriginalRecipients() {
    }

    static void remember(Mail mail) {
        if (mail.getAttribute(ATTRIBUTE).isEmpty()) {
            List<AttributeValue<?>> recipients = mail.getRecipients().stream()
                .map(recipient -> AttributeValue.of(recipient.asString()))
                .collect(Collectors.toList());
            mail.setAttribute(new Attribute(ATTRIBUTE, AttributeValue.of(recipients)));
        }
    }

    static Optional<List<MailAddress>> of(Mail mail) {
        return mail.getAttribute(ATTRIBUTE)
            .map(attribute -> (List<?>) attribute.getValue().value())
            .map(values -> values.stream()
                .map(value -> ((AttributeValue<?>) value).value().toString())
                .map(OriginalRecipients::address)
                .flatMap(Optional::stream)
                .collect(Collectors.toList()));
    }

    private static Optional<MailAddress> address(String value) {
        try {
            return Optional.of(new MailAddress(value));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
