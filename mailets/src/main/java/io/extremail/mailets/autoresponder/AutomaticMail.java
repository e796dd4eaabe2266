package io.extremail.mailets.autoresponder;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import com.google.common.collect.ImmutableSet;

/**
 * Mail an automatic responder must not answer, judged from its headers (RFC 3834 section 2): mail itself sent
 * automatically ({@code Auto-Submitted} other than {@code no}), bulk mail ({@code Precedence: bulk}, {@code list} or
 * {@code junk}) and mailing list mail ({@code List-Id}, RFC 2919). Answering them would reach many people, or loop.
 */
public final class AutomaticMail {
    private static final Set<String> BULK_PRECEDENCES = ImmutableSet.of("bulk", "list", "junk");

    private AutomaticMail() {
    }

    public static boolean isAutomatic(MimeMessage message) throws MessagingException {
        return isAutoSubmitted(message) || isBulk(message) || message.getHeader("List-Id") != null;
    }

    /** RFC 3834 section 5: any value but {@code no}, parameters and comments aside, means sent by a program. */
    private static boolean isAutoSubmitted(MimeMessage message) throws MessagingException {
        return values(message, "Auto-Submitted").anyMatch(value -> !value.equals("no"));
    }

    private static boolean isBulk(MimeMessage message) throws MessagingException {
        return values(message, "Precedence").anyMatch(BULK_PRECEDENCES::contains);
    }

    /** The first word of each occurrence of the header, in lower case. */
    private static Stream<String> values(MimeMessage message, String header) throws MessagingException {
        return Arrays.stream(Optional.ofNullable(message.getHeader(header)).orElse(new String[0]))
            .map(value -> value.trim().split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT));
    }
}
