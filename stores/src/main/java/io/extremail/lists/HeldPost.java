package io.extremail.lists;

import java.time.Instant;
import java.util.UUID;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/** A post to a MODERATED list waiting for an owner to release or reject it; the message itself is a blob. */
public record HeldPost(MailAddress list, UUID id, MaybeSender sender, String subject, long size, Instant received,
                       String blobId) {
}
