package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;
import static io.extremail.server.console.Parameter.required;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;

import io.extremail.lists.HeldPostStore;
import io.extremail.lists.ListAccess;
import io.extremail.lists.ListFile;
import io.extremail.lists.MailingList;
import io.extremail.lists.MailingLists;
import io.extremail.server.lists.ListAdministration;

/** LIST ADD | DEL | SHOW | MEMBER ADD | MEMBER DEL | IMPORT: mailing lists, as WebAdmin's /lists. */
public class ListCommands implements CommandGroup {
    private static final Parameter NAME = required("NAME", "list name, the part before @");
    private static final Parameter DOMAIN = required("DOMAIN", "one of the server's domains");
    private static final Parameter MEMBER = required("MEMBER", "the member's mail address");

    private final MailingLists lists;
    private final HeldPostStore heldPosts;
    private final ListAdministration administration;

    @Inject
    public ListCommands(MailingLists lists, HeldPostStore heldPosts, ListAdministration administration) {
        this.lists = lists;
        this.heldPosts = heldPosts;
        this.administration = administration;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("LIST ADD", "Creates a mailing list, or changes its access and owners.", this::add, NAME, DOMAIN,
                required("ACCESS", ListAccess.choices()), optional("OWNERS", "owner addresses, separated by commas")),
            of("LIST DEL", "Deletes a list with its members and held posts.", this::delete, NAME, DOMAIN),
            of("LIST SHOW", "Shows a list and its members; without NAME, every list.", this::show,
                optional("NAME", "list name"), optional("DOMAIN", "the list's domain, or only the lists of this domain")),
            of("LIST MEMBER ADD", "Adds a member to a list.", this::addMember, NAME, DOMAIN, MEMBER),
            of("LIST MEMBER DEL", "Removes a member from a list.", this::removeMember, NAME, DOMAIN, MEMBER),
            of("LIST IMPORT", "Imports eXtremail's list file (name@domain<TAB>access<TAB>members); a file with a bad line imports nothing.",
                this::importFile, required("FILE", "path of the file on the server")));
    }

    private Reply add(Parameters parameters) throws Exception {
        MailAddress address = parameters.address();
        Optional<String> problem = administration.problemWithListAddress(address);
        if (problem.isPresent()) {
            throw problem.get().startsWith("list: ")
                ? ConsoleException.conflict("NAME: " + problem.get().substring("list: ".length()))
                : ConsoleException.notFound("DOMAIN: " + problem.get().substring("domain: ".length()));
        }
        ListAccess access = ListAccess.parse(parameters.get("ACCESS"))
            .orElseThrow(() -> ConsoleException.badParameter("ACCESS: '" + parameters.get("ACCESS") + "' is not " + ListAccess.choices()));
        Set<MailAddress> owners = parameters.optional("OWNERS").map(value -> Set.copyOf(parameters.addresses("OWNERS"))).orElse(Set.of());
        lists.save(new MailingList(address, access, owners));
        return Reply.ok("list " + address.asString() + " " + access);
    }

    private Reply delete(Parameters parameters) {
        MailingList list = existing(parameters);
        heldPosts.removeAll(list.address()).block();
        lists.delete(list.address());
        return Reply.ok("list " + list.address().asString() + " deleted");
    }

    private Reply show(Parameters parameters) {
        if (parameters.optional("NAME").isEmpty()) {
            Optional<String> domain = parameters.optional("DOMAIN").map(value -> parameters.domain("DOMAIN").asString());
            List<String> lines = lists.store().all()
                .filter(list -> domain.map(d -> list.address().getDomain().asString().equals(d)).orElse(true))
                .map(list -> list.address().asString() + " " + list.access())
                .sort().collectList().block();
            return Reply.ok(lines.size() + " list(s)", lines);
        }
        MailingList list = existing(parameters);
        List<String> lines = new ArrayList<>();
        lines.add("access: " + list.access());
        lines.add("owners: " + String.join(", ", list.owners().stream().map(MailAddress::asString).sorted().toList()));
        lines.add("held: " + heldPosts.list(list.address()).count().block());
        lists.store().members(list.address()).map(member -> "member: " + member.asString()).toIterable().forEach(lines::add);
        return Reply.ok("list " + list.address().asString(), lines);
    }

    private Reply addMember(Parameters parameters) {
        MailingList list = existing(parameters);
        MailAddress member = parameters.address("MEMBER");
        lists.store().addMembers(list.address(), List.of(member)).block();
        return Reply.ok(member.asString() + " added to " + list.address().asString());
    }

    private Reply removeMember(Parameters parameters) {
        MailingList list = existing(parameters);
        MailAddress member = parameters.address("MEMBER");
        if (!lists.store().removeMember(list.address(), member).block()) {
            throw ConsoleException.notFound("MEMBER: " + member.asString() + " is not a member of " + list.address().asString());
        }
        return Reply.ok(member.asString() + " removed from " + list.address().asString());
    }

    private Reply importFile(Parameters parameters) throws Exception {
        Path file = Path.of(parameters.get("FILE"));
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConsoleException.notFound("FILE: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            ListAdministration.Imported imported = administration.importFile(content);
            return Reply.ok(imported.lists() + " list(s) with " + imported.members() + " member(s) imported");
        } catch (ListFile.InvalidListFileException e) {
            return Reply.errorWithLines(400, "FILE: " + e.errors().size() + " bad line(s), nothing imported", e.errors());
        }
    }

    private MailingList existing(Parameters parameters) {
        MailAddress address = parameters.address();
        return lists.store().get(address).blockOptional()
            .orElseThrow(() -> ConsoleException.notFound("NAME: no mailing list " + address.asString()));
    }
}
