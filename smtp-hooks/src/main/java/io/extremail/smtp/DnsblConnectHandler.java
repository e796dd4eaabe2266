package io.extremail.smtp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS blocklists (RFC 5782) checked when a client connects: its address, reversed, is looked up in each configured
 * zone through the server's DNS service and cache. Per zone, {@code reject} answers 554 instead of the greeting and
 * closes the connection; {@code tag} accepts the mail and adds {@code X-DNSBL: <zone>}. Clients allowed to relay
 * (authorizedAddresses) are not looked up; a DNS failure counts as "not listed". No zone: nothing is checked.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.DnsblConnectHandler">
 *     <zone action="reject">zen.dnsbl.example</zone>
 *     <zone action="tag">bl.dnsbl.example</zone>
 * </handler>
 * }</pre>
 */
public class DnsblConnectHandler implements ConnectHandler<SMTPSession>, JamesMessageHook, ProtocolHandler {
    record Zone(String name, boolean reject) {
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(DnsblConnectHandler.class);
    private static final AttachmentKey<String> LISTED_IN = AttachmentKey.of("io.extremail.dnsbl.listedIn", String.class);

    private final DNSService dns;
    private final List<Zone> zones = new ArrayList<>();

    @Inject
    public DnsblConnectHandler(DNSService dns) {
        this.dns = dns;
    }

    @Override
    public void init(Configuration configuration) throws ConfigurationException {
        int count = configuration.getList("zone").size();
        for (int index = 0; index < count; index++) {
            String name = configuration.getString("zone(" + index + ")", "").strip().toLowerCase(Locale.ROOT);
            String action = configuration.getString("zone(" + index + ")[@action]", "reject").strip().toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9.-]+")) {
                throw new ConfigurationException("io.extremail.smtp.DnsblConnectHandler <zone>: '" + name + "' is not a DNS zone");
            }
            if (!action.equals("reject") && !action.equals("tag")) {
                throw new ConfigurationException("io.extremail.smtp.DnsblConnectHandler <zone action>: '" + action
                    + "' must be reject or tag");
            }
            zones.add(new Zone(name, action.equals("reject")));
        }
    }

    @Override
    public void destroy() {
    }

    @Override
    public Response onConnect(SMTPSession session) {
        if (zones.isEmpty() || session.isRelayingAllowed()) {
            return DenyIpInHandler.NO_OBJECTION;
        }
        InetAddress client = session.getRemoteAddress().getAddress();
        for (Zone zone : zones) {
            Optional<InetAddress> listed = lookup(client, zone);
            if (listed.isEmpty()) {
                continue;
            }
            LOGGER.info("{} is listed in {} ({})", client.getHostAddress(), zone.name(), listed.get().getHostAddress());
            if (zone.reject()) {
                SMTPResponse refusal = new SMTPResponse("554", "5.7.1 " + client.getHostAddress() + " is listed in " + zone.name()
                    + " (" + listed.get().getHostAddress() + ")");
                refusal.setEndSession(true);
                return refusal;
            }
            session.setAttachment(LISTED_IN, zone.name(), State.Connection);
        }
        return DenyIpInHandler.NO_OBJECTION;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        session.getAttachment(LISTED_IN, State.Connection).ifPresent(zone -> {
            try {
                mail.getMessage().addHeader("X-DNSBL", zone);
                mail.getMessage().saveChanges();
            } catch (MessagingException e) {
                LOGGER.warn("Could not add X-DNSBL to {}", mail.getName(), e);
            }
        });
        return HookResult.DECLINED;
    }

    private Optional<InetAddress> lookup(InetAddress client, Zone zone) {
        String query = reversed(client) + "." + zone.name();
        try {
            return Optional.of(dns.getByName(query));
        } catch (UnknownHostException notListed) {
            return Optional.empty();
        } catch (RuntimeException e) {
            LOGGER.warn("DNSBL lookup {} failed; {} counted as not listed", query, client.getHostAddress(), e);
            return Optional.empty();
        }
    }

    /** 192.0.2.5 → 5.2.0.192; IPv6 as 32 reversed nibbles (RFC 5782 section 2.4). */
    static String reversed(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = bytes.length - 1; i >= 0; i--) {
                name.append(bytes[i] & 0xff).append(i > 0 ? "." : "");
            }
            return name.toString();
        }
        for (int i = bytes.length - 1; i >= 0; i--) {
            name.append(Character.forDigit(bytes[i] & 0xf, 16)).append('.').append(Character.forDigit((bytes[i] >> 4) & 0xf, 16));
            name.append(i > 0 ? "." : "");
        }
        return name.toString();
    }
}
