package io.extremail.smtp;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.xbill.DNS.Lookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;

/**
 * SPF (RFC 7208) of inbound mail, checked at MAIL FROM with jSPF over the server's dnsjava resolver and cache (the
 * ones DNS CACHE SHOW lists). Mail from clients allowed to relay (authorizedAddresses, AUTH) is not checked. What
 * each result does is configured per result: {@code reject} (550 5.7.23), {@code defer} (451 4.7.24, the sender
 * retries) or {@code tag} (accepted); every checked message gets a {@code Received-SPF} header.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.SpfHook">
 *     <fail>reject</fail>            <!-- [reject] -->
 *     <softfail>tag</softfail>       <!-- [tag] -->
 *     <neutral>tag</neutral>         <!-- [tag] -->
 *     <none>tag</none>               <!-- [tag] -->
 *     <permerror>tag</permerror>     <!-- a broken SPF record [tag] -->
 *     <temperror>defer</temperror>   <!-- DNS failure [defer] -->
 * </handler>
 * }</pre>
 */
public class SpfHook implements MailHook, JamesMessageHook, ProtocolHandler {
    public enum Result { PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR }

    public enum Action { REJECT, DEFER, TAG }

    private static final Logger LOGGER = LoggerFactory.getLogger(SpfHook.class);
    /** The result of the check and the domain it was made for, for {@link SenderAuthenticationHook}'s DMARC. */
    public record Check(Result result, String domain) {
    }

    public static final AttachmentKey<Check> CHECK = AttachmentKey.of("io.extremail.spf.check", Check.class);
    private static final AttachmentKey<String> HEADER = AttachmentKey.of("io.extremail.spf.header", String.class);

    private final Supplier<SPF> spf;
    private final Map<Result, Action> actions = new EnumMap<>(Result.class);

    public SpfHook() {
        // Made at the first check: jSPF's dnsjava client takes dnsjava's default resolver when it is made, and the
        // server's (ExtremailDnsService, with its cache) is in place only once the DNS service has started.
        this(Suppliers.memoize(() -> new SPF(new SynchronousSpfDns(Lookup.getDefaultResolver()))));
    }

    SpfHook(Supplier<SPF> spf) {
        this.spf = spf;
        for (Result result : Result.values()) {
            actions.put(result, Action.TAG);
        }
        actions.put(Result.FAIL, Action.REJECT);
        actions.put(Result.TEMPERROR, Action.DEFER);
    }

    @Override
    public void init(Configuration configuration) throws ConfigurationException {
        for (Result result : Result.values()) {
            String name = result.name().toLowerCase(Locale.ROOT);
            String value = configuration.getString(name, null);
            if (value == null) {
                continue;
            }
            try {
                actions.put(result, Action.valueOf(value.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("io.extremail.smtp.SpfHook <" + name + ">: '" + value + "' must be reject, defer or tag");
            }
        }
        if (actions.get(Result.PASS) != Action.TAG) {
            throw new ConfigurationException("io.extremail.smtp.SpfHook <pass>: a pass can only be tagged");
        }
    }

    @Override
    public void destroy() {
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.isRelayingAllowed() || session.getUsername() != null || sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("unknown");
        String ip = session.getRemoteAddress().getAddress().getHostAddress();
        SPFResult checked = spf.get().checkSPF(ip, sender.asString(), helo);
        Result result = parse(checked.getResult());
        session.setAttachment(HEADER, checked.getHeaderText(), State.Transaction);
        session.setAttachment(CHECK, new Check(result, sender.get().getDomain().asString()), State.Transaction);
        LOGGER.info("SPF of {} from {} (HELO {}): {}", sender.asString(), ip, helo, result);
        return switch (actions.get(result)) {
            case REJECT -> HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("550")
                .smtpDescription("5.7.23 SPF " + result.name().toLowerCase(Locale.ROOT) + ": " + sender.asString()
                    + " may not be sent from " + ip + explanation(checked))
                .build();
            case DEFER -> HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode("451")
                .smtpDescription("4.7.24 SPF " + result.name().toLowerCase(Locale.ROOT) + " for " + sender.asString() + ": try again later")
                .build();
            case TAG -> HookResult.DECLINED;
        };
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<String> header = session.getAttachment(HEADER, State.Transaction);
        if (header.isPresent()) {
            try {
                mail.getMessage().addHeader("Received-SPF", header.get());
                mail.getMessage().saveChanges();
            } catch (MessagingException e) {
                LOGGER.warn("Could not add Received-SPF to {}", mail.getName(), e);
            }
        }
        return HookResult.DECLINED;
    }

    private static Result parse(String result) {
        try {
            return Result.valueOf(result.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Result.PERMERROR;
        }
    }

    private static String explanation(SPFResult result) {
        return Optional.ofNullable(result.getExplanation()).filter(text -> !text.isBlank()).map(text -> " (" + text + ")").orElse("");
    }
}
