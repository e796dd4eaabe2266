package io.extremail.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.apache.james.lifecycle.api.Startable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.server.InvalidConfigurationException;
import io.extremail.throttle.LoginThrottle;

/**
 * The operator console: a line protocol on TCP ({@code conf/console.properties}, 127.0.0.1:4501 by default), in
 * eXtremail's command language. One thread per session, at most {@code maxSessions}; TLS from the first byte when
 * {@code tls.enabled}.
 */
public class ConsoleServer implements Startable, AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsoleServer.class);

    private final ConsoleSettings settings;
    private final ConsolePassword password;
    private final Commands commands;
    private final LoginThrottle throttle;
    private ServerSocket serverSocket;
    private ThreadPoolExecutor sessions;

    @Inject
    public ConsoleServer(ConsoleSettings settings, ConsolePassword password, Commands commands) {
        this.settings = settings;
        this.password = password;
        this.commands = commands;
        this.throttle = new LoginThrottle(settings.failedLoginsBeforeBan(), Duration.ofSeconds(settings.banSeconds()), Clock.systemUTC());
    }

    public void start() throws IOException {
        if (!settings.enabled()) {
            LOGGER.info("Console disabled ({})", ConsoleSettings.FILE);
            return;
        }
        password.load();
        serverSocket = settings.tls() ? tlsServerSocket() : new ServerSocket();
        serverSocket.setReuseAddress(true);
        try {
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 50);
        } catch (IOException e) {
            throw new InvalidConfigurationException(ConsoleSettings.FILE + ": cannot listen on " + settings.bind() + ":"
                + settings.port() + " (" + e.getMessage() + ")", e);
        }
        AtomicInteger counter = new AtomicInteger();
        sessions = new ThreadPoolExecutor(0, settings.maxSessions(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "console-session-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Thread acceptor = new Thread(this::accept, "console-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOGGER.info("Console listening on {}:{}{}", settings.bind(), settings.port(), settings.tls() ? " (TLS)" : "");
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOGGER.warn("Console accept failed", e);
                }
                continue;
            }
            try {
                sessions.execute(new ConsoleSession(socket, settings, password, commands, throttle));
            } catch (RejectedExecutionException e) {
                refuse(socket);
            }
        }
    }

    private void refuse(Socket socket) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(Reply.error(421, "too many console sessions (" + settings.maxSessions() + "); try again later")
                .render().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOGGER.debug("Could not refuse a console connection", e);
        }
    }

    private ServerSocket tlsServerSocket() throws IOException {
        try (InputStream in = Files.newInputStream(settings.keystore())) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, settings.keystoreSecret().toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, settings.keystoreSecret().toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context.getServerSocketFactory().createServerSocket();
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(ConsoleSettings.FILE + ": tls.keystore " + settings.keystore()
                + " cannot be used with tls.secret (" + e.getMessage() + ")", e);
        }
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        if (serverSocket != null) {
            serverSocket.close();
        }
        if (sessions != null) {
            sessions.shutdownNow();
        }
    }
}
