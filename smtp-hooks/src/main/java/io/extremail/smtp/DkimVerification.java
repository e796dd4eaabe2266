package io.extremail.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;

/**
 * Checks the DKIM signatures of a message with jDKIM, public keys looked up over {@link TxtRecords}. A signature
 * that does not match the message is {@code fail}; one that cannot be checked (no key, malformed key or signature
 * field) {@code permerror}; a DNS failure {@code temperror}. jDKIM reports the passing signatures only, or why the
 * first one failed when none passes.
 */
final class DkimVerification {
    private final DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> keyRecords(method, selector, domain));

    List<DkimResult> verify(MimeMessage message) {
        String[] fields;
        byte[] bytes;
        try {
            fields = message.getHeader("DKIM-Signature");
            if (fields == null || fields.length == 0) {
                return List.of(new DkimResult(DkimResult.Result.NONE, null, null, null));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            bytes = out.toByteArray();
        } catch (MessagingException | IOException e) {
            return List.of(new DkimResult(DkimResult.Result.PERMERROR, null, null, "unreadable message: " + e.getMessage()));
        }
        Optional<SignatureRecord> first = parse(fields[0]);
        String domain = first.map(record -> record.getDToken().toString()).orElse(null);
        String selector = first.map(record -> record.getSelector().toString()).orElse(null);
        try {
            List<SignatureRecord> passed = verifier.verify(new ByteArrayInputStream(bytes));
            if (passed == null || passed.isEmpty()) {
                return List.of(new DkimResult(DkimResult.Result.NONE, null, null, null));
            }
            return passed.stream()
                .map(record -> new DkimResult(DkimResult.Result.PASS, record.getDToken().toString(), record.getSelector().toString(), null))
                .toList();
        } catch (TempFailException e) {
            return List.of(new DkimResult(DkimResult.Result.TEMPERROR, domain, selector, e.getMessage()));
        } catch (FailException e) {
            return List.of(new DkimResult(isMismatch(e) ? DkimResult.Result.FAIL : DkimResult.Result.PERMERROR, domain, selector, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return List.of(new DkimResult(DkimResult.Result.PERMERROR, domain, selector, "cannot be checked: " + e.getMessage()));
        }
    }

    private static boolean isMismatch(FailException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("does not verify") || message.contains("bodyhash is different") || message.contains("invalid signatures");
    }

    private static Optional<SignatureRecord> parse(String field) {
        try {
            SignatureRecord record = new SignatureRecordImpl(field);
            record.getDToken();
            record.getSelector();
            return Optional.of(record);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> keyRecords(CharSequence method, CharSequence selector, CharSequence domain)
        throws TempFailException, PermFailException {
        if (!"dns/txt".equalsIgnoreCase(method.toString())) {
            throw new PermFailException("unsupported key lookup method q=" + method);
        }
        String name = selector + "._domainkey." + domain;
        TxtRecords.Answer answer = TxtRecords.lookup(name);
        if (answer.status() == TxtRecords.Status.TEMPERROR) {
            throw new TempFailException("DNS lookup of " + name + " failed");
        }
        return answer.texts();
    }
}
