package io.extremail.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A session with the server's console: sends lines, reads replies (a status line, data lines, a single dot). */
final class ConsoleConnection implements AutoCloseable {
    /** A reply: {@code OK ...} or {@code ERR <code> ...}, then its data lines. */
    record Reply(String status, List<String> lines) {
        boolean ok() {
            return status.startsWith("OK");
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private ConsoleConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static ConsoleConnection open(AdminSettings settings) throws IOException {
        Socket socket = settings.tls() ? tlsFactory(settings.insecure()).createSocket() : new Socket();
        socket.connect(new InetSocketAddress(settings.host(), settings.port()), 10_000);
        socket.setSoTimeout(120_000);
        return new ConsoleConnection(socket);
    }

    Reply greeting() throws IOException {
        return read();
    }

    Reply send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    private Reply read() throws IOException {
        String status = in.readLine();
        if (status == null) {
            throw new IOException("the console closed the connection");
        }
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); ; line = in.readLine()) {
            if (line == null) {
                throw new IOException("the console closed the connection in the middle of a reply");
            }
            if (line.equals(".")) {
                return new Reply(status, lines);
            }
            lines.add(line.startsWith("..") ? line.substring(1) : line);
        }
    }

    private static SSLSocketFactory tlsFactory(boolean insecure) throws IOException {
        if (!insecure) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            // --insecure: the self-signed certificate made at first start is not in any trust store.
            TrustManager trustAll = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
