package io.extremail.server.lists;

import static io.extremail.server.webadmin.WebAdminRequests.badRequest;
import static io.extremail.server.webadmin.WebAdminRequests.conflict;
import static io.extremail.server.webadmin.WebAdminRequests.notFound;

import java.io.ByteArrayInputStream;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.server.core.MailImpl;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.MailetContext;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.extremail.lists.Addresses;
import io.extremail.lists.HeldPost;
import io.extremail.lists.HeldPostStore;
import io.extremail.lists.ListAccess;
import io.extremail.lists.ListFile;
import io.extremail.lists.MailingList;
import io.extremail.lists.MailingLists;
import io.extremail.mailets.lists.ListNotices;
import io.extremail.mailets.lists.MailingListDistribution;
import io.extremail.server.webadmin.WebAdminRequests;
import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of the mailing lists.
 * <pre>
 * GET    /lists?domain=example.com&amp;offset=0&amp;limit=100     lists (address, access, owners), by address
 * PUT    /lists/{list}   {"access": "MEMBERS", "owners": ["boss@example.com"]}   204: created or changed
 * GET    /lists/{list}   {"address", "access", "owners", "ownerAddress", "members": count, "held": count}
 * DELETE /lists/{list}   204: the list, its members and its held posts are gone
 * GET    /lists/{list}/members?offset=0&amp;limit=100           member addresses, sorted
 * PUT    /lists/{list}/members/{address}                  204
 * DELETE /lists/{list}/members/{address}                  204, or 404 when not a member
 * GET    /lists/{list}/held?offset=0&amp;limit=100              posts held for moderation, oldest first
 * POST   /lists/{list}/held/{id}?action=release           204: distributed to the members
 * POST   /lists/{list}/held/{id}?action=reject            204: dropped; the poster is told (body {"reason": "..."}
 *                                                          optional)
 * POST   /lists/import   eXtremail's list file as the body  200 {"lists": n, "members": m}; 400 with every bad line
 * </pre>
 */
public class MailingListRoutes implements Routes {
    public static final String BASE_PATH = "/lists";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAXIMUM_LIMIT = 10_000;

    private final MailingLists lists;
    private final HeldPostStore heldPosts;
    private final ListAdministration administration;
    private final MailetContext mailetContext;
    private final JsonTransformer json;

    @Inject
    public MailingListRoutes(MailingLists lists, HeldPostStore heldPosts, ListAdministration administration,
                             MailetContext mailetContext, JsonTransformer json) {
        this.lists = lists;
        this.heldPosts = heldPosts;
        this.administration = administration;
        this.mailetContext = mailetContext;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::all, json);
        service.post(BASE_PATH + "/import", this::importFile, json);
        service.put(BASE_PATH + "/:list", this::save);
        service.get(BASE_PATH + "/:list", this::get, json);
        service.delete(BASE_PATH + "/:list", this::delete);
        service.get(BASE_PATH + "/:list/members", this::members, json);
        service.put(BASE_PATH + "/:list/members/:member", this::addMember);
        service.delete(BASE_PATH + "/:list/members/:member", this::removeMember);
        service.get(BASE_PATH + "/:list/held", this::held, json);
        service.post(BASE_PATH + "/:list/held/:id", this::moderate);
    }

    private List<Map<String, Object>> all(Request request, Response response) {
        Optional<Domain> domain = Optional.ofNullable(request.queryParams("domain")).map(value -> domain("domain", value));
        WebAdminRequests.Page page = WebAdminRequests.page(request, DEFAULT_LIMIT, MAXIMUM_LIMIT);
        return lists.store().all()
            .filter(list -> domain.map(list.address().getDomain()::equals).orElse(true))
            .sort(Comparator.comparing(list -> list.address().asString()))
            .skip(page.offset()).take(page.limit())
            .map(MailingListRoutes::summary)
            .collectList().block();
    }

    private String save(Request request, Response response) throws UsersRepositoryException, DomainListException {
        MailAddress address = newListAddress(request.params("list"));
        JsonNode body = WebAdminRequests.jsonObject(request, "{\"access\": \"OPEN|MEMBERS|MODERATED\", \"owners\": [\"address\"]}", "access", "owners");
        JsonNode access = body.get("access");
        if (access == null || !access.isTextual()) {
            throw badRequest("access: is missing (" + ListAccess.choices() + ")");
        }
        ListAccess parsed = ListAccess.parse(access.asText())
            .orElseThrow(() -> badRequest("access: '" + access.asText() + "' is not " + ListAccess.choices()));
        lists.save(new MailingList(address, parsed, owners(body.get("owners"))));
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private Map<String, Object> get(Request request, Response response) {
        MailingList list = existingList(request);
        Map<String, Object> answer = summary(list);
        answer.put("ownerAddress", list.ownerAddress().asString());
        answer.put("members", lists.store().memberCount(list.address()).block());
        answer.put("held", heldPosts.list(list.address()).count().block());
        return answer;
    }

    private String delete(Request request, Response response) {
        MailingList list = existingList(request);
        heldPosts.removeAll(list.address()).block();
        lists.delete(list.address());
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private List<String> members(Request request, Response response) {
        MailingList list = existingList(request);
        WebAdminRequests.Page page = WebAdminRequests.page(request, DEFAULT_LIMIT, MAXIMUM_LIMIT);
        return lists.store().members(list.address()).skip(page.offset()).take(page.limit())
            .map(MailAddress::asString).collectList().block();
    }

    private String addMember(Request request, Response response) {
        MailingList list = existingList(request);
        MailAddress member = address("member", request.params("member"));
        lists.store().addMembers(list.address(), List.of(member)).block();
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private String removeMember(Request request, Response response) {
        MailingList list = existingList(request);
        MailAddress member = address("member", request.params("member"));
        if (!lists.store().removeMember(list.address(), member).block()) {
            throw notFound("member: " + member.asString() + " is not a member of " + list.address().asString());
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private List<Map<String, Object>> held(Request request, Response response) {
        MailingList list = existingList(request);
        WebAdminRequests.Page page = WebAdminRequests.page(request, DEFAULT_LIMIT, MAXIMUM_LIMIT);
        return heldPosts.list(list.address()).skip(page.offset()).take(page.limit()).map(post -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", post.id().toString());
            answer.put("sender", post.sender().asString());
            answer.put("subject", post.subject());
            answer.put("size", post.size());
            answer.put("received", post.received().toString());
            return answer;
        }).collectList().block();
    }

    private String moderate(Request request, Response response) throws MessagingException {
        String action = Optional.ofNullable(request.queryParams("action")).orElse("");
        if (!action.equals("release") && !action.equals("reject")) {
            throw badRequest("action: '" + action + "' must be release or reject");
        }
        MailingList list = existingList(request);
        HeldPost post = heldPost(list, request.params("id"));
        switch (action) {
            case "release" -> release(list, post);
            case "reject" -> reject(list, post, rejectionReason(request));
            default -> throw badRequest("action: '" + action + "' must be release or reject");
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private void release(MailingList list, HeldPost post) throws MessagingException {
        byte[] content = heldPosts.content(post).block();
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(System.getProperties()), new ByteArrayInputStream(content));
        MailImpl mail = MailImpl.builder()
            .name(MailImpl.getId())
            .sender(post.sender())
            .addRecipient(list.address())
            .mimeMessage(message)
            .addAttribute(new Attribute(MailingListDistribution.APPROVED_FOR, AttributeValue.of(list.address().asString())))
            .build();
        try {
            // Queued first: once the post is in the spool, forgetting it can lose nothing.
            mailetContext.sendMail(mail);
        } finally {
            mail.dispose();
        }
        heldPosts.remove(post).block();
    }

    private void reject(MailingList list, HeldPost post, String reason) throws MessagingException {
        if (post.sender().asOptional().isPresent()) {
            MailAddress poster = post.sender().get();
            MailImpl notice = MailImpl.builder()
                .name(MailImpl.getId())
                .addRecipient(poster)
                .mimeMessage(ListNotices.notDistributed(list, poster, post.subject(), reason))
                .addAttribute(org.apache.mailet.Mail.SENT_BY_MAILET_ATTRIBUTE)
                .build();
            try {
                mailetContext.sendMail(notice);
            } finally {
                notice.dispose();
            }
        }
        heldPosts.remove(post).block();
    }

    private static String rejectionReason(Request request) {
        String fallback = "an owner of the list rejected it";
        if (request.body() == null || request.body().isBlank()) {
            return fallback;
        }
        JsonNode reason = WebAdminRequests.jsonObject(request, "{\"reason\": \"...\"}", "reason").get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw badRequest("reason: must be a string");
        }
        return reason == null || reason.isNull() || reason.asText().isBlank() ? fallback : fallback + ": " + reason.asText();
    }

    private Map<String, Object> importFile(Request request, Response response) throws UsersRepositoryException, DomainListException {
        try {
            ListAdministration.Imported imported = administration.importFile(Optional.ofNullable(request.body()).orElse(""));
            return Map.of("lists", imported.lists(), "members", imported.members());
        } catch (ListFile.InvalidListFileException e) {
            throw invalidFile(e.errors());
        }
    }

    private static HaltException invalidFile(List<String> errors) {
        return badRequest("the list file has " + errors.size() + " bad line(s), nothing was imported: " + String.join("; ", errors));
    }

    private MailAddress newListAddress(String value) throws UsersRepositoryException, DomainListException {
        MailAddress address = address("list", value);
        Optional<String> problem = administration.problemWithListAddress(address);
        if (problem.isPresent()) {
            throw problem.get().startsWith("list: ") ? conflict(problem.get()) : notFound(problem.get());
        }
        return address;
    }

    private MailingList existingList(Request request) {
        MailAddress address = address("list", request.params("list"));
        return lists.store().get(address).blockOptional()
            .orElseThrow(() -> notFound("list: no mailing list " + address.asString()));
    }

    private HeldPost heldPost(MailingList list, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw badRequest("id: '" + id + "' is not the id of a held post");
        }
        if (uuid.version() != 1) {
            // Held posts are keyed by time-based ids; Cassandra refuses to even look another kind up.
            throw notFound("id: no post " + id + " is held for " + list.address().asString());
        }
        return heldPosts.get(list.address(), uuid).blockOptional()
            .orElseThrow(() -> notFound("id: no post " + id + " is held for " + list.address().asString()));
    }

    private static Set<MailAddress> owners(JsonNode owners) {
        if (owners == null || owners.isNull()) {
            return Set.of();
        }
        if (!owners.isArray()) {
            throw badRequest("owners: must be an array of mail addresses");
        }
        Set<MailAddress> addresses = new HashSet<>();
        owners.forEach(owner -> {
            if (!owner.isTextual()) {
                throw badRequest("owners: must be an array of mail addresses");
            }
            addresses.add(address("owners", owner.asText()));
        });
        return addresses;
    }

    private static MailAddress address(String field, String value) {
        try {
            return Addresses.parse(field, value);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static Domain domain(String field, String value) {
        try {
            return Domain.of(value.strip());
        } catch (RuntimeException e) {
            throw badRequest(field + ": '" + value + "' is not a domain");
        }
    }

    private static Map<String, Object> summary(MailingList list) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("address", list.address().asString());
        answer.put("access", list.access().name());
        answer.put("owners", list.owners().stream().map(MailAddress::asString).sorted().toList());
        return answer;
    }
}
