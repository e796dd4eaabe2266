package io.extremail.matchers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.google.common.net.InetAddresses;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;
import io.extremail.deny.DenyRules;

/**
 * Matches the remote recipients one of whose mail servers (MX hosts, or the domain itself without MX, or a domain
 * literal such as {@code [192.0.2.1]}) has an address on the IPOUT list. Placed right before RemoteDelivery with a
 * Bounce, remote delivery never connects to a denied server: a domain is refused as soon as any of its servers is
 * denied, because RemoteDelivery may try any of them. The rule is written into the mail's error message, which the
 * bounce quotes ({@code attachError}).
 *
 * <p>Each domain is resolved once per mail, and nothing is resolved while the IPOUT list is empty. A recipient whose
 * servers cannot be resolved now does not match: RemoteDelivery retries it and applies its own
 * DNS error handling, and the check runs again when the mail is retried from the start.
 *
 * <pre>{@code
 * <mailet match="io.extremail.matchers.RemoteServerIsDenied" class="Bounce">
 *     <attachError>true</attachError>
 *     <message>A mail server of the recipient is on this server's outgoing server deny list (IPOUT).</message>
 *     <passThrough>false</passThrough>
 * </mailet>
 * }</pre>
 */
public class RemoteServerIsDenied extends GenericMatcher {
    private final DenyList denyList;
    private final DNSService dns;

    @Inject
    public RemoteServerIsDenied(DenyList denyList, DNSService dns) {
        this.denyList = denyList;
        this.dns = dns;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        DenyRules rules = denyList.rules();
        if (rules.count(DenyKind.IPOUT) == 0) {
            // Nothing to compare the mail servers with: no DNS lookup (a list post may have thousands of recipients).
            return List.of();
        }
        List<MailAddress> matched = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Map<Domain, Optional<String>> byDomain = new HashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            if (getMailetContext().isLocalServer(recipient.getDomain())) {
                continue;
            }
            byDomain.computeIfAbsent(recipient.getDomain(), domain -> deniedServer(rules, recipient)).ifPresent(reason -> {
                matched.add(recipient);
                reasons.add(recipient.asString() + ": " + reason);
            });
        }
        if (!matched.isEmpty()) {
            mail.setErrorMessage("Refused by deny rule " + String.join("; ", reasons));
        }
        return matched;
    }

    private Optional<String> deniedServer(DenyRules rules, MailAddress recipient) {
        for (InetAddress server : serverAddresses(recipient)) {
            Optional<DenyEntry> rule = rules.matchingNetwork(DenyKind.IPOUT, server);
            if (rule.isPresent()) {
                return Optional.of("IPOUT " + rule.get().value() + " covers its mail server " + InetAddresses.toAddrString(server));
            }
        }
        return Optional.empty();
    }

    private List<InetAddress> serverAddresses(MailAddress recipient) {
        String domain = recipient.getDomain().asString();
        // James keeps a domain literal ([192.0.2.1]) as the bare address.
        String literal = domain.replaceAll("^\\[(?i:ipv6:)?|\\]$", "");
        if (InetAddresses.isInetAddress(literal)) {
            return List.of(InetAddresses.forString(literal));
        }
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (String host : dns.findMXRecords(domain)) {
                try {
                    addresses.addAll(dns.getAllByName(host));
                } catch (UnknownHostException e) {
                    // an MX host without address: RemoteDelivery skips it too
                }
            }
        } catch (TemporaryResolutionException e) {
            return List.of();
        }
        return addresses;
    }
}
