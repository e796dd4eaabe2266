package io.extremail.lists;

import java.util.Set;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;

/**
 * A mailing list {@code name@domain}: who may post ({@link ListAccess}) and its owners, who moderate and receive
 * the mail sent to {@link #ownerAddress()}. Members are kept apart ({@link MailingListStore#members}): a list may
 * have 10,000 of them.
 */
public record MailingList(MailAddress address, ListAccess access, Set<MailAddress> owners) {
    public static final String OWNER_SUFFIX = "-owner";

    public MailingList {
        address = Addresses.normalized(address);
        owners = Set.copyOf(owners.stream().map(Addresses::normalized).toList());
    }

    /**
     * {@code name-owner@domain}: the envelope sender of what the list distributes (so bounces from members reach
     * the owners, not the poster) and the address to write to the owners.
     */
    public MailAddress ownerAddress() {
        try {
            return new MailAddress(address.getLocalPart() + OWNER_SUFFIX, address.getDomain());
        } catch (AddressException e) {
            throw new IllegalStateException("No owner address for list " + address.asString(), e);
        }
    }

    /** RFC 2919 list identifier: {@code name.domain}. */
    public String listId() {
        return address.getLocalPart() + "." + address.getDomain().asString();
    }

    public boolean isOwner(MailAddress sender) {
        return owners.contains(Addresses.normalized(sender));
    }
}
