package io.extremail.smtp;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;

/**
 * Refuses a client whose address is on the IPIN deny list: 554 instead of the greeting, then the connection is
 * closed (RFC 5321 section 3.1). Checked against the in-memory deny lists: no Cassandra round trip per connection.
 *
 * <pre>{@code
 * <handlerchain>
 *     <handler class="io.extremail.smtp.DenyIpInHandler"/>
 *     ...
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 */
public class DenyIpInHandler implements ConnectHandler<SMTPSession> {
    /**
     * "No objection": an answer with no line, so nothing is written. Not null, although the API allows it: James's
     * JMX connection statistics fail on a null answer and the connection would get a 451.
     */
    static final Response NO_OBJECTION = new Response() {
        @Override
        public String getRetCode() {
            return "";
        }

        @Override
        public List<CharSequence> getLines() {
            return List.of();
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    };

    private final DenyList denyList;

    @Inject
    public DenyIpInHandler(DenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        InetAddress client = session.getRemoteAddress().getAddress();
        Optional<DenyEntry> rule = denyList.rules().matchingNetwork(DenyKind.IPIN, client);
        if (rule.isEmpty()) {
            return NO_OBJECTION;
        }
        SMTPResponse refusal = new SMTPResponse("554", "5.7.1 " + client.getHostAddress()
            + " is not allowed to send mail here (deny rule IPIN " + rule.get().value() + ")");
        refusal.setEndSession(true);
        return refusal;
    }
}
