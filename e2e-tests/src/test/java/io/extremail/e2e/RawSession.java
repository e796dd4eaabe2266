package io.extremail.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.util.TrustManagerUtils;

/**
 * A plain socket to a line-based protocol (SMTP, IMAP, POP3) that sends any bytes, hostile ones included, and reads
 * lines back; for the tests that feed the servers malformed input.
 */
final class RawSession implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawSession(int port, InetAddress from, int timeoutMillis) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port, from, 0), timeoutMillis);
    }

    private RawSession(Socket socket, int timeoutMillis) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Over TLS from the first byte (IMAPS, POP3S), trusting the test certificate. */
    static RawSession tls(int port, int timeoutMillis) throws Exception {
        return tls(port, InetAddress.getLoopbackAddress(), timeoutMillis);
    }

    static RawSession tls(int port, InetAddress from, int timeoutMillis) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port, from, 0);
        socket.startHandshake();
        return new RawSession(socket, timeoutMillis);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One line without its line break; null when the server closed the connection (or reset it). */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            return null;
        }
        return null;
    }

    /** An SMTP reply's code (its last line's), or -1 when the connection was closed instead. */
    int smtpReply() throws IOException {
        for (String line = line(); line != null; line = line()) {
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line.length() >= 3 ? Integer.parseInt(line.substring(0, 3)) : -1;
            }
        }
        return -1;
    }

    /** The IMAP response tagged {@code tag} (untagged lines skipped), or null when the connection was closed. */
    String imapTagged(String tag) throws IOException {
        for (String line = line(); line != null; line = line()) {
            if (line.startsWith(tag + " ")) {
                return line;
            }
        }
        return null;
    }

    boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
