package io.extremail.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * An authoritative DNS server for one test zone, on a UDP port of 127.0.0.1, built on dnsjava's message classes:
 * answers the records it holds, NXDOMAIN with the zone's SOA (negative TTL {@link #NEGATIVE_TTL}) for other names
 * of the zone, REFUSED outside it. Counts the queries, so that a test can tell a cached answer from a new query.
 */
final class LoopbackDnsServer implements AutoCloseable {
    static final long NEGATIVE_TTL = 600;

    private final DatagramSocket socket;
    private final Name zone;
    private final SOARecord soa;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    LoopbackDnsServer(String zone) throws Exception {
        this.zone = Name.fromString(zone + ".");
        this.soa = new SOARecord(this.zone, DClass.IN, 3600, Name.fromString("ns." + zone + "."),
            Name.fromString("hostmaster." + zone + "."), 1, 3600, 600, 86400, NEGATIVE_TTL);
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int queries() {
        return queries.get();
    }

    void add(Record record) {
        records.computeIfAbsent(record.getName(), name -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(record);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                queries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                // EDNS0 (RFC 6891): a client announcing a larger buffer gets answers beyond 512 bytes (2048-bit DKIM keys).
                OPTRecord opt = query.getOPT();
                int size = opt == null ? 512 : Math.max(512, Math.min(opt.getPayloadSize(), buffer.length));
                Message response = answer(query);
                if (opt != null) {
                    response.addRecord(new OPTRecord(size, 0, 0), Section.ADDITIONAL);
                }
                byte[] answer = response.toWire(size);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException malformed) {
                // a query we cannot parse: no answer, as a real server would drop it
            }
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (!name.subdomain(zone)) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        List<Record> held = records.get(name);
        if (held == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa, Section.AUTHORITY);
            return response;
        }
        List<Record> matching = held.stream().filter(record -> record.getType() == question.getType()).toList();
        if (matching.isEmpty()) {
            response.addRecord(soa, Section.AUTHORITY);
        }
        matching.forEach(record -> response.addRecord(record, Section.ANSWER));
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
