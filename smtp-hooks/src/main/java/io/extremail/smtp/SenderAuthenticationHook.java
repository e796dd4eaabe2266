package io.extremail.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DKIM verification and DMARC (RFC 7489) of inbound mail at the end of DATA, recorded in an
 * {@code Authentication-Results} header (RFC 8601) with the SPF result {@link SpfHook} found at MAIL FROM.
 * Clients allowed to relay (authorizedAddresses, AUTH) are not checked. A message failing DMARC whose domain
 * publishes {@code p=reject} is refused with 550 5.7.1 (no bounce: the client keeps it); {@code p=quarantine} is
 * accepted with the mail attribute {@value #QUARANTINE}, which the local-delivery processor turns into delivery
 * to the recipient's Junk folder. {@code pct} sampling is honoured. Any Authentication-Results claiming to be
 * from this server ({@code authservId}) is removed first: only ours can be trusted.
 *
 * <p>Declare it before {@code SpfHook} in the handler chain: it then checks the message as it was received,
 * before other hooks add their headers.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.SenderAuthenticationHook">
 *     <authservId>mx.example.com</authservId>      <!-- [the server's HELO name] -->
 *     <dmarcReject>reject</dmarcReject>            <!-- reject | quarantine | tag [reject] -->
 *     <dmarcQuarantine>quarantine</dmarcQuarantine> <!-- quarantine | tag [quarantine] -->
 * </handler>
 * }</pre>
 */
public class SenderAuthenticationHook implements JamesMessageHook, ProtocolHandler {
    public static final String QUARANTINE = "io.extremail.dmarc.quarantine";
    public static final String HEADER = "Authentication-Results";

    public enum Action { REJECT, QUARANTINE, TAG }

    private static final Logger LOGGER = LoggerFactory.getLogger(SenderAuthenticationHook.class);

    private final DkimVerification dkim = new DkimVerification();
    private final DmarcCheck dmarc = new DmarcCheck(() -> ThreadLocalRandom.current().nextInt(100));
    private Optional<String> authservId = Optional.empty();
    private Action onReject = Action.REJECT;
    private Action onQuarantine = Action.QUARANTINE;

    @Override
    public void init(Configuration configuration) throws ConfigurationException {
        authservId = Optional.ofNullable(configuration.getString("authservId", null)).map(String::strip).filter(id -> !id.isEmpty());
        if (authservId.isPresent() && !authservId.get().matches("[A-Za-z0-9.-]+")) {
            throw new ConfigurationException("io.extremail.smtp.SenderAuthenticationHook <authservId>: '" + authservId.get() + "' is not a host name");
        }
        onReject = action(configuration, "dmarcReject", Action.REJECT, List.of(Action.REJECT, Action.QUARANTINE, Action.TAG));
        onQuarantine = action(configuration, "dmarcQuarantine", Action.QUARANTINE, List.of(Action.QUARANTINE, Action.TAG));
    }

    private static Action action(Configuration configuration, String name, Action defaultAction, List<Action> allowed) throws ConfigurationException {
        String value = configuration.getString(name, null);
        if (value == null) {
            return defaultAction;
        }
        try {
            Action action = Action.valueOf(value.strip().toUpperCase(Locale.ROOT));
            if (allowed.contains(action)) {
                return action;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigurationException("io.extremail.smtp.SenderAuthenticationHook <" + name + ">: '" + value + "' must be "
            + allowed.stream().map(action -> action.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or ")));
    }

    @Override
    public void destroy() {
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.isRelayingAllowed() || session.getUsername() != null) {
            return HookResult.DECLINED;
        }
        try {
            MimeMessage message = mail.getMessage();
            List<DkimResult> signatures = dkim.verify(message);
            Optional<SpfHook.Check> spf = session.getAttachment(SpfHook.CHECK, State.Transaction);
            DmarcResult verdict = dmarc.evaluate(fromDomain(message), signatures, spf);
            String id = authservId.orElseGet(() -> session.getConfiguration().getHelloName());
            record(message, id, signatures, spf, verdict);
            LOGGER.info("{} from {}: {}", mail.getName(), session.getRemoteAddress().getAddress().getHostAddress(),
                signatures.stream().map(DkimResult::asAuthenticationResult).collect(Collectors.joining(", ")) + ", " + verdict.asAuthenticationResult());
            return apply(verdict, mail);
        } catch (MessagingException e) {
            // Not checked is not refused: the message is kept, without a verdict.
            LOGGER.warn("Could not check the sender authentication of {}", mail.getName(), e);
            return HookResult.DECLINED;
        }
    }

    private HookResult apply(DmarcResult verdict, Mail mail) {
        if (verdict.result() != DmarcResult.Result.FAIL) {
            return HookResult.DECLINED;
        }
        Action action = switch (verdict.disposition()) {
            case REJECT -> onReject;
            case QUARANTINE -> onQuarantine;
            case NONE -> Action.TAG;
        };
        return switch (action) {
            case REJECT -> HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("550")
                .smtpDescription("5.7.1 DMARC policy of " + verdict.fromDomain() + " rejects this message: no aligned DKIM signature or SPF pass")
                .build();
            case QUARANTINE -> {
                mail.setAttribute(new Attribute(AttributeName.of(QUARANTINE), AttributeValue.of(true)));
                yield HookResult.DECLINED;
            }
            case TAG -> HookResult.DECLINED;
        };
    }

    private static void record(MimeMessage message, String id, List<DkimResult> signatures, Optional<SpfHook.Check> spf, DmarcResult verdict)
        throws MessagingException {
        String[] existing = message.getHeader(HEADER);
        if (existing != null) {
            List<String> kept = new ArrayList<>();
            for (String value : existing) {
                if (!value.strip().toLowerCase(Locale.ROOT).startsWith(id.toLowerCase(Locale.ROOT))) {
                    kept.add(value);
                }
            }
            message.removeHeader(HEADER);
            for (String value : kept) {
                message.addHeader(HEADER, value);
            }
        }
        List<String> results = new ArrayList<>();
        spf.ifPresent(check -> results.add("spf=" + check.result().name().toLowerCase(Locale.ROOT) + " smtp.mailfrom=" + check.domain()));
        signatures.forEach(signature -> results.add(signature.asAuthenticationResult()));
        results.add(verdict.asAuthenticationResult());
        message.addHeader(HEADER, id + ";\r\n\t" + String.join(";\r\n\t", results));
    }

    private static Optional<String> fromDomain(MimeMessage message) throws MessagingException {
        String from = message.getHeader("From", ",");
        if (from == null) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
            if (addresses.length == 0 || addresses[0].getAddress() == null) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            int at = address.lastIndexOf('@');
            return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
