package io.updraft.downloader.internal;

import io.updraft.product.NetworkStatus;

/** Whether the network as it stands allows a transfer attempt under the metered-network policy, and at what cap. */
final class NetworkGate {
    /** What to do now. */
    enum Verdict {
        /** Transfer. */
        GO,
        /** No network: wait, without spending the retry budget. */
        OFFLINE,
        /** Only a metered link, and the policy says wait for another one. */
        METERED
    }

    private NetworkGate() {
    }

    static Verdict verdict(NetworkStatus network, MeteredPolicy policy) {
        if (!network.online()) {
            return Verdict.OFFLINE;
        }
        return network.metered() && policy == MeteredPolicy.DEFER ? Verdict.METERED : Verdict.GO;
    }

    /**
     * The rate the downloads may use, bytes per second, 0 for no limit: the lowest of the configured limit, the
     * metered limit when the link is metered and the policy throttles, and the poor-link cap.
     */
    static long rate(Settings s, NetworkStatus network, long adaptiveCap) {
        long rate = s.rateLimit();
        if (network.metered() && s.meteredPolicy() == MeteredPolicy.THROTTLE) {
            rate = lowest(rate, s.meteredRateLimit());
        }
        return lowest(rate, adaptiveCap);
    }

    private static long lowest(long a, long b) {
        if (a == 0) {
            return b;
        }
        return b == 0 ? a : Math.min(a, b);
    }
}
