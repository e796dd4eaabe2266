package io.extremail.smtp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.exceptions.NoneException;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.xbill.DNS.Resolver;

/**
 * jSPF's dnsjava client, made to work with the server's resolver:
 * <ul>
 * <li>asynchronous lookups are answered by synchronous ones: jSPF 1.0.3's asynchronous path (dnsjava's
 * LookupSession) does not use the resolver it is given, so it never reaches the configured DNS servers;</li>
 * <li>a query for the obsolete SPF record type is made for TXT instead (RFC 7208 section 3.1: SPF records are
 * published as TXT only), and "no record" is an empty list: with these jSPF 1.0.3 never reached the TXT record.</li>
 * </ul>
 * The SPF check waits for its answers either way; they go through dnsjava's shared cache.
 */
final class SynchronousSpfDns extends DNSServiceXBillImpl {
    SynchronousSpfDns(Resolver resolver) {
        super(resolver);
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            DNSRequest asked = request.getRecordType() == DNSRequest.SPF ? new DNSRequest(request.getHostname(), DNSRequest.TXT) : request;
            List<String> records = getRecords(asked);
            return CompletableFuture.completedFuture(records == null ? List.of() : records);
        } catch (TimeoutException | NoneException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
