package io.extremail.smtp;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;

/**
 * Refuses sender and recipient addresses no mailbox can have, before anything looks them up:
 * <ul>
 * <li>longer than RFC 5321 section 4.5.3.1 allows (local part 64 octets, domain 255, path 256): 501;</li>
 * <li>a recipient James cannot turn into a user name, such as a quoted local part holding an {@code @}
 * ({@code "a@b"@example.com}): 553 5.1.3. James 3.8.1's recipient check fails on it and answers 451, inviting the
 * client to try again forever.</li>
 * </ul>
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.AddressSyntaxHook"/>   <!-- before ValidRcptHandler -->
 * }</pre>
 */
public class AddressSyntaxHook implements MailHook, RcptHook {
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_DOMAIN = 255;
    private static final int MAX_PATH = 256;

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        return tooLong(sender.get())
            .map(problem -> refuse("501", "5.1.7 Sender address " + problem))
            .orElse(HookResult.DECLINED);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        Optional<String> tooLong = tooLong(rcpt);
        if (tooLong.isPresent()) {
            return refuse("501", "5.1.3 Recipient address " + tooLong.get());
        }
        try {
            Username.of(rcpt.asString());
            return HookResult.DECLINED;
        } catch (IllegalArgumentException e) {
            return refuse("553", "5.1.3 " + rcpt.asString() + ": no mailbox can have this address");
        }
    }

    private static Optional<String> tooLong(MailAddress address) {
        if (address.getLocalPart().length() > MAX_LOCAL_PART) {
            return Optional.of("local part longer than " + MAX_LOCAL_PART + " characters");
        }
        if (address.getDomain().asString().length() > MAX_DOMAIN) {
            return Optional.of("domain longer than " + MAX_DOMAIN + " characters");
        }
        if (address.asString().length() + 2 > MAX_PATH) {
            return Optional.of("longer than " + MAX_PATH + " characters");
        }
        return Optional.empty();
    }

    private static HookResult refuse(String code, String description) {
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode(code).smtpDescription(description).build();
    }
}
