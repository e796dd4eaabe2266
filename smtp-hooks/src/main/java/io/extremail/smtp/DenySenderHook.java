package io.extremail.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;

/**
 * Refuses, with 550 at MAIL FROM, an envelope sender on the MAILBOXIN list or from a domain on the DOMAININ list.
 * The null sender (bounces, {@code MAIL FROM:<>}) is never refused, so delivery reports still reach our users.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.DenySenderHook"/>
 * }</pre>
 */
public class DenySenderHook implements MailHook {
    private final DenyList denyList;

    @Inject
    public DenySenderHook(DenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        Optional<DenyEntry> rule = denyList.rules().matchingAddress(DenyKind.MAILBOXIN, DenyKind.DOMAININ, sender.get());
        return rule.map(entry -> HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("550")
                .smtpDescription("5.7.1 Sender " + sender.asString() + " is refused (deny rule " + entry.kind() + " " + entry.value() + ")")
                .build())
            .orElse(HookResult.DECLINED);
    }
}
