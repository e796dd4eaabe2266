package io.extremail.e2e;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A receiving mail server on a loopback port, for mail our server relays (RemoteDelivery's gateway): accepts every
 * message and keeps its bytes as they came over the wire, dot-unstuffed. Announces 8BITMIME, as today's servers do.
 */
final class SmtpSink implements AutoCloseable {
    record Received(String sender, List<String> recipients, byte[] message) {
        String text() {
            return new String(message, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    SmtpSink() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "smtp-sink");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return received;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(30_000);
                session(client);
            } catch (SocketException closed) {
                return;
            } catch (IOException broken) {
                // the client went away: wait for the next one
            }
        }
    }

    private void session(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = client.getOutputStream();
        reply(out, "220 sink.test ESMTP");
        String sender = null;
        List<String> recipients = new CopyOnWriteArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO" -> reply(out, "250-sink.test\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 52428800");
                case "HELO" -> reply(out, "250 sink.test");
                case "MAIL" -> {
                    sender = line.substring(line.indexOf(':') + 1).strip();
                    recipients.clear();
                    reply(out, "250 2.1.0 ok");
                }
                case "RCPT" -> {
                    recipients.add(line.substring(line.indexOf(':') + 1).strip());
                    reply(out, "250 2.1.5 ok");
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    ByteArrayOutputStream message = new ByteArrayOutputStream();
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        message.writeBytes((data.startsWith(".") ? data.substring(1) : data).getBytes(StandardCharsets.ISO_8859_1));
                        message.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    received.add(new Received(sender, List.copyOf(recipients), message.toByteArray()));
                    reply(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
