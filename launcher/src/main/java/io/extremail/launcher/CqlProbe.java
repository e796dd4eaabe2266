package io.extremail.launcher;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a CQL native port for its OPTIONS, with the JDK only. An open TCP port is not enough: Cassandra binds the
 * native port only at the very end of its start, and only a real protocol answer proves it serves requests.
 */
public final class CqlProbe {

    /** Protocol v4: every Cassandra from 2.2 to 5.0 speaks it, and before STARTUP it uses the plain frame format. */
    private static final byte VERSION_4_REQUEST = 0x04;
    private static final byte RESPONSE_FLAG = (byte) 0x80;
    private static final byte OPCODE_ERROR = 0x00;
    private static final byte OPCODE_OPTIONS = 0x05;
    private static final byte OPCODE_SUPPORTED = 0x06;
    /** A SUPPORTED body is a few hundred bytes; refuse anything absurd instead of allocating it. */
    private static final int MAX_BODY = 64 * 1024;

    private CqlProbe() {
    }

    /**
     * Sends OPTIONS and returns the SUPPORTED map (e.g. CQL_VERSION, PROTOCOL_VERSIONS, COMPRESSION).
     *
     * @throws IOException when nothing listens, the peer does not answer within timeout, or the answer is not CQL
     */
    public static Map<String, List<String>> options(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            // Header: version, flags, stream id (2 bytes), opcode, body length (4 bytes); OPTIONS has no body.
            out.write(new byte[] {VERSION_4_REQUEST, 0, 0, 1, OPCODE_OPTIONS, 0, 0, 0, 0});
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte version = in.readByte();
            in.readByte(); // flags
            in.readShort(); // stream id
            byte opcode = in.readByte();
            int length = in.readInt();
            if ((version & RESPONSE_FLAG) == 0 || length < 0 || length > MAX_BODY) {
                throw new IOException(host + ":" + port + " did not answer with a CQL frame");
            }
            byte[] body = new byte[length];
            in.readFully(body);
            if (opcode == OPCODE_ERROR) {
                throw new IOException(host + ":" + port + " answered OPTIONS with an error");
            }
            if (opcode != OPCODE_SUPPORTED) {
                throw new IOException(host + ":" + port + " answered OPTIONS with opcode " + opcode);
            }
            return stringMultimap(body);
        }
    }

    /** True when the port answers OPTIONS with SUPPORTED within timeout. */
    public static boolean answers(String host, int port, Duration timeout) {
        try {
            options(host, port, timeout);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** [string multimap]: a short count n, then n pairs of [string] key and [string list] value. */
    private static Map<String, List<String>> stringMultimap(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
        Map<String, List<String>> map = new LinkedHashMap<>();
        int entries = in.readUnsignedShort();
        for (int i = 0; i < entries; i++) {
            String key = string(in);
            int values = in.readUnsignedShort();
            List<String> list = new ArrayList<>(values);
            for (int j = 0; j < values; j++) {
                list.add(string(in));
            }
            map.put(key, List.copyOf(list));
        }
        return map;
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
