package io.extremail.server.deny;

import static io.extremail.server.webadmin.WebAdminRequests.badRequest;
import static io.extremail.server.webadmin.WebAdminRequests.notFound;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;
import io.extremail.deny.InvalidDenyEntryException;
import io.extremail.server.webadmin.WebAdminRequests;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of the deny lists. Kinds: ipin, ipout, domainin, domainout, mailboxin, mailboxout (any case).
 * <pre>
 * GET    /deny                           rule counts per kind
 * GET    /deny/{kind}?offset=0&amp;limit=100  the rules of a kind, sorted, one page (limit at most 10000)
 * POST   /deny/{kind}   {"value": "192.0.2.0/24"}   adds a rule (204; adding it again changes nothing)
 * DELETE /deny/{kind}?value=192.0.2.0/24          removes a rule (204; 404 when there is no such rule)
 * </pre>
 * Values are stored canonically (see {@link DenyEntry}): the answer of a POST does not echo them, GET shows them.
 */
public class DenyListRoutes implements Routes {
    public static final String BASE_PATH = "/deny";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAXIMUM_LIMIT = 10_000;

    private final DenyList denyList;
    private final JsonTransformer json;

    @Inject
    public DenyListRoutes(DenyList denyList, JsonTransformer json) {
        this.denyList = denyList;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::counts, json);
        service.get(BASE_PATH + "/:kind", this::list, json);
        service.post(BASE_PATH + "/:kind", this::add);
        service.delete(BASE_PATH + "/:kind", this::remove);
    }

    private Map<String, Integer> counts(Request request, Response response) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (DenyKind kind : DenyKind.values()) {
            counts.put(kind.name(), denyList.storedCount(kind));
        }
        return counts;
    }

    private List<String> list(Request request, Response response) {
        DenyKind kind = kind(request);
        WebAdminRequests.Page page = WebAdminRequests.page(request, DEFAULT_LIMIT, MAXIMUM_LIMIT);
        return denyList.list(kind).skip(page.offset()).take(page.limit()).map(DenyEntry::value).collectList().block();
    }

    private String add(Request request, Response response) {
        DenyKind kind = kind(request);
        DenyEntry entry = entry(kind, valueFromBody(request));
        denyList.add(entry).block();
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private String remove(Request request, Response response) {
        DenyKind kind = kind(request);
        String value = Optional.ofNullable(request.queryParams("value"))
            .orElseThrow(() -> badRequest("value: the query parameter is missing (DELETE /deny/" + kind.name().toLowerCase() + "?value=...)"));
        DenyEntry entry = entry(kind, value);
        if (!denyList.remove(entry).block()) {
            throw notFound(kind + " has no rule " + entry.value());
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private DenyKind kind(Request request) {
        String name = request.params("kind");
        return DenyKind.parse(name).orElseThrow(() ->
            notFound("kind: '" + name + "' is not a deny list (ipin, ipout, domainin, domainout, mailboxin, mailboxout)"));
    }

    private String valueFromBody(Request request) {
        JsonNode body = WebAdminRequests.jsonObject(request, "{\"value\": \"...\"}", "value");
        JsonNode value = body.get("value");
        if (value == null || value.isNull()) {
            throw badRequest("value: is missing");
        }
        if (!value.isTextual()) {
            throw badRequest("value: must be a string");
        }
        return value.asText();
    }

    private static DenyEntry entry(DenyKind kind, String value) {
        try {
            return DenyEntry.of(kind, value);
        } catch (InvalidDenyEntryException e) {
            throw badRequest("value: " + e.getMessage());
        }
    }
}
