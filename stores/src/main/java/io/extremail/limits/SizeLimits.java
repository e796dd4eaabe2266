package io.extremail.limits;

import java.util.Optional;

/**
 * Largest message, in bytes, a user may receive (incoming) and send when authenticated (outgoing). An empty value
 * means "no limit of this level": the next level decides (user, then domain, then the SMTP server's maxmessagesize).
 */
public record SizeLimits(Optional<Long> maxIncoming, Optional<Long> maxOutgoing) {
    public static final SizeLimits NONE = new SizeLimits(Optional.empty(), Optional.empty());

    /** This level's values, the other level's where this one has none. */
    public SizeLimits orElse(SizeLimits fallback) {
        return new SizeLimits(maxIncoming.or(fallback::maxIncoming), maxOutgoing.or(fallback::maxOutgoing));
    }

    public boolean isEmpty() {
        return maxIncoming.isEmpty() && maxOutgoing.isEmpty();
    }
}
