package io.extremail.lists;

/** A recipient that is a mailing list: its post address, or its owner address. */
public record ListRecipient(MailingList list, Role role) {
    public enum Role { POST, OWNER }
}
