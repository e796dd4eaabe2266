package io.extremail.server.dns;

import static io.extremail.server.webadmin.WebAdminRequests.badRequest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of the DNS cache.
 * <pre>
 * GET    /dns/cache?domain=example.com   [{"name", "type", "values", "negative", "ttl"}], the domain and below, or all
 * DELETE /dns/cache?domain=example.com   {"flushed": n}: forgets them
 * </pre>
 */
public class DnsCacheRoutes implements Routes {
    public static final String BASE_PATH = "/dns/cache";

    private final ExtremailDnsService dns;
    private final JsonTransformer json;

    @Inject
    public DnsCacheRoutes(ExtremailDnsService dns, JsonTransformer json) {
        this.dns = dns;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::show, json);
        service.delete(BASE_PATH, this::flush, json);
    }

    private List<Map<String, Object>> show(Request request, Response response) {
        Instant now = Instant.now();
        return dns.cacheEntries(domain(request)).stream().map(entry -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("name", entry.name());
            answer.put("type", entry.type());
            answer.put("values", entry.values());
            answer.put("negative", entry.negative());
            answer.put("ttl", entry.secondsLeft(now));
            return answer;
        }).toList();
    }

    private Map<String, Integer> flush(Request request, Response response) {
        return Map.of("flushed", dns.flushCache(domain(request)));
    }

    private static Optional<String> domain(Request request) {
        return Optional.ofNullable(request.queryParams("domain")).map(value -> {
            if (!InspectableCache.isDomainName(value)) {
                throw badRequest("domain: '" + value + "' is not a domain name");
            }
            return value.strip();
        });
    }
}
