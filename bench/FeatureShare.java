import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The share of our server's CPU samples (JFR jdk.ExecutionSample) whose stack runs through each feature's code, per
 * configuration of the features workload (bench/workloads.py, features).
 * <p>
 * {@code java bench/FeatureShare.java ours.jfr a=FROM-TO,FROM-TO b=... c=...} (epoch milliseconds) prints one JSON
 * object: per label, the samples counted and the percentage of them in each feature, and in any feature. Work a
 * feature starts elsewhere (a Cassandra request answered on a driver thread) is not counted: this is a lower bound,
 * the requests are counted apart (Cassandra's per-table counts).
 */
public class FeatureShare {
    /** Feature, then the class-name prefixes of its code (our hooks, matchers, mailets and stores; James's RRT). */
    private static final Map<String, List<String>> FEATURES = new LinkedHashMap<>();

    static {
        FEATURES.put("deny lists", List.of("io.extremail.deny.", "io.extremail.smtp.Deny", "io.extremail.matchers.RecipientIsDenied",
            "io.extremail.matchers.RemoteAddrIsDenied", "io.extremail.matchers.RemoteServerIsDenied", "io.extremail.matchers.SenderIsDenied"));
        FEATURES.put("copy of received mail", List.of("io.extremail.mailets.copy.", "io.extremail.copy."));
        FEATURES.put("autoresponder", List.of("io.extremail.mailets.Autoresponder", "io.extremail.mailets.autoresponder."));
        FEATURES.put("forwarding (James's RecipientRewriteTable, our sender rewriting)",
            List.of("org.apache.james.transport.mailets.RecipientRewriteTable", "io.extremail.mailets.forward."));
        FEATURES.put("mailing lists", List.of("io.extremail.mailets.lists.", "io.extremail.lists.",
            "io.extremail.matchers.RecipientIsMailingList", "io.extremail.smtp.MailingListRcptHook"));
        FEATURES.put("per-user size limits", List.of("io.extremail.matchers.MessageSizeOverRecipientLimit",
            "io.extremail.smtp.MessageSizeLimitHook", "io.extremail.limits."));
    }

    private record Window(long from, long to) {
        boolean contains(long at) {
            return at >= from && at <= to;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<Window>> labels = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] labelAndWindows = args[i].split("=", 2);
            List<Window> windows = new ArrayList<>();
            for (String window : labelAndWindows[1].split(",")) {
                String[] ends = window.split("-");
                windows.add(new Window(Long.parseLong(ends[0]), Long.parseLong(ends[1])));
            }
            labels.put(labelAndWindows[0], windows);
        }
        Map<String, Map<String, Integer>> hits = new LinkedHashMap<>();
        Map<String, Integer> samples = new LinkedHashMap<>();
        labels.keySet().forEach(label -> {
            samples.put(label, 0);
            Map<String, Integer> byFeature = new LinkedHashMap<>();
            FEATURES.keySet().forEach(feature -> byFeature.put(feature, 0));
            byFeature.put("any feature", 0);
            hits.put(label, byFeature);
        });
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                long at = event.getStartTime().toEpochMilli();
                String label = labels.entrySet().stream().filter(entry -> entry.getValue().stream().anyMatch(w -> w.contains(at)))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
                if (label == null) {
                    continue;
                }
                samples.merge(label, 1, Integer::sum);
                List<String> types = event.getStackTrace().getFrames().stream()
                    .map(RecordedFrame::getMethod).map(method -> method.getType().getName()).toList();
                boolean any = false;
                for (Map.Entry<String, List<String>> feature : FEATURES.entrySet()) {
                    if (types.stream().anyMatch(type -> feature.getValue().stream().anyMatch(type::startsWith))) {
                        hits.get(label).merge(feature.getKey(), 1, Integer::sum);
                        any = true;
                    }
                }
                if (any) {
                    hits.get(label).merge("any feature", 1, Integer::sum);
                }
            }
        }
        System.out.println(labels.keySet().stream().map(label -> {
            int total = Math.max(1, samples.get(label));
            String shares = hits.get(label).entrySet().stream()
                .map(entry -> String.format(java.util.Locale.ROOT, "\"%s\": %.3f", entry.getKey(), 100.0 * entry.getValue() / total))
                .collect(Collectors.joining(", "));
            return String.format("\"%s\": {\"samples\": %d, \"percent\": {%s}}", label, samples.get(label), shares);
        }).collect(Collectors.joining(", ", "{", "}")));
    }
}
