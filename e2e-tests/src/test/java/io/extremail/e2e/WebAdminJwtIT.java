package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebAdmin with JWT authentication (webadmin.properties jwt.enabled, the public key in conf/): a request without a
 * token, or with one signed by another key, gets 401; an admin token signed by the configured key gets through.
 */
class WebAdminJwtIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static ServerUnderTest server;
    private static KeyPair trusted;

    @BeforeAll
    static void startServer() throws Exception {
        trusted = rsaKeyPair();
        server = ServerUnderTest.install("webadmin_jwt");
        server.distribution().write("jwt_publickey", "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(trusted.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        server.distribution().edit("webadmin.properties", "jwt.enabled=false", "jwt.enabled=true");
        server.distribution().edit("webadmin.properties", "#jwt.publickeypem.url=file://conf/jwt_publickey", "jwt.publickeypem.url=file://conf/jwt_publickey");
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void onlyATokenSignedByTheConfiguredKeyGetsThrough() throws Exception {
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("not.a.token").statusCode()).isEqualTo(401);
        assertThat(get(token(rsaKeyPair().getPrivate(), true)).statusCode()).isEqualTo(401);
        assertThat(get(token(trusted.getPrivate(), false)).statusCode()).isEqualTo(401);

        HttpResponse<String> admin = get(token(trusted.getPrivate(), true));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.webAdminPort + "/domains")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An RS256 JSON web token for admin@example.com, valid for an hour. */
    private static String token(PrivateKey key, boolean admin) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(("{\"sub\":\"admin@example.com\",\"admin\":" + admin + ",\"exp\":"
            + Instant.now().plusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + base64.encodeToString(signature.sign());
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
