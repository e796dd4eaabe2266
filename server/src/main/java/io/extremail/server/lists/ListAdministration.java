package io.extremail.server.lists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import io.extremail.lists.ListDefinition;
import io.extremail.lists.ListFile;
import io.extremail.lists.MailingList;
import io.extremail.lists.MailingLists;

/** What WebAdmin and the console both check and do with lists: where a list may be, and the list file import. */
public class ListAdministration {
    /** Lists and members a list file import wrote. */
    public record Imported(int lists, int members) {
    }

    private final MailingLists lists;
    private final DomainList domains;
    private final UsersRepository users;

    @Inject
    public ListAdministration(MailingLists lists, DomainList domains, UsersRepository users) {
        this.lists = lists;
        this.domains = domains;
        this.users = users;
    }

    /**
     * Why a list cannot have this address: its domain is not ours ("domain: ..."), or it is a user's address
     * ("list: ..."); empty when it can.
     */
    public Optional<String> problemWithListAddress(MailAddress address) throws UsersRepositoryException, DomainListException {
        if (!domains.containsDomain(address.getDomain())) {
            return Optional.of("domain: '" + address.getDomain().asString() + "' is not a domain of this server");
        }
        if (users.contains(users.getUsername(address))) {
            return Optional.of("list: " + address.asString() + " is the address of a user");
        }
        return Optional.empty();
    }

    /**
     * Imports eXtremail's list file: every line checked first, nothing written when one is bad (the exception lists
     * them all, with their numbers). Each list is created or replaced with the file's access and exactly its
     * members; owners of an existing list are kept.
     */
    public Imported importFile(String content) throws ListFile.InvalidListFileException, UsersRepositoryException, DomainListException {
        List<ListDefinition> definitions = ListFile.parse(content);
        List<String> errors = new ArrayList<>();
        Map<MailingList, List<MailAddress>> imported = new LinkedHashMap<>();
        for (ListDefinition definition : definitions) {
            Optional<String> problem = problemWithListAddress(definition.address());
            if (problem.isPresent()) {
                errors.add("line " + definition.line() + ": " + problem.get());
                continue;
            }
            Set<MailAddress> owners = lists.store().get(definition.address()).map(MailingList::owners).blockOptional().orElse(Set.of());
            imported.put(new MailingList(definition.address(), definition.access(), owners), definition.members());
        }
        if (!errors.isEmpty()) {
            throw new ListFile.InvalidListFileException(errors);
        }
        lists.replaceAll(imported);
        return new Imported(imported.size(), imported.values().stream().mapToInt(List::size).sum());
    }
}
