package io.extremail.lists;

import java.util.List;

import org.apache.james.core.MailAddress;

/** One line of eXtremail's list file: a list, its access and its members. */
public record ListDefinition(int line, MailAddress address, ListAccess access, List<MailAddress> members) {
}
