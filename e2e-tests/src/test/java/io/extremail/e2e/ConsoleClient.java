package io.extremail.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The operator console over a raw socket, as a script would speak to it. */
final class ConsoleClient implements AutoCloseable {
    record Reply(String status, List<String> lines) {
        boolean ok() {
            return status.startsWith("OK");
        }

        String all() {
            return status + "\n" + String.join("\n", lines);
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    final Reply greeting;

    ConsoleClient(int port, InetAddress from) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        greeting = read();
    }

    static ConsoleClient loggedIn(int port, String password) throws IOException {
        ConsoleClient client = new ConsoleClient(port, InetAddress.getLoopbackAddress());
        Reply login = client.send("LOGIN " + password);
        if (!login.ok()) {
            throw new IllegalStateException("console login refused: " + login.status());
        }
        return client;
    }

    Reply send(String line) throws IOException {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    Reply sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return read();
    }

    /** Null when the server closed the connection. */
    Reply read() throws IOException {
        String status = in.readLine();
        if (status == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            lines.add(line.startsWith("..") ? line.substring(1) : line);
        }
        return new Reply(status, lines);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
