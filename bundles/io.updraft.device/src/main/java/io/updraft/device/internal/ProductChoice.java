package io.updraft.device.internal;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.product.ProductDetector;

/** The product type and how it was found: configured, else the most confident detector, else generic. */
record ProductChoice(String product, String source) {
    static final String GENERIC = "generic";
    static final String CONFIGURED = "configured";
    static final String DETECTED = "detected:";
    static final String DEFAULT = "default";
    private static final Logger LOG = LoggerFactory.getLogger(ProductChoice.class);

    static ProductChoice choose(Optional<String> configured, Collection<ProductDetector> detectors,
            Path systemRoot) {
        if (configured.isPresent()) {
            return new ProductChoice(configured.get(), CONFIGURED);
        }
        String best = null;
        int bestConfidence = 0;
        for (ProductDetector detector : detectors) {
            String product;
            int confidence;
            try {
                product = detector.product();
                confidence = confidence(detector, product, systemRoot);
            } catch (RuntimeException e) {
                // A broken product plugin must not take the device identity down with it.
                LOG.warn("Product detector {} failed; counting it as confidence 0", detector, e);
                continue;
            }
            if (confidence <= 0) {
                continue;
            }
            // Ties go to the smaller name so the choice does not depend on the order plugins started in.
            if (confidence > bestConfidence || confidence == bestConfidence && product.compareTo(best) < 0) {
                best = product;
                bestConfidence = confidence;
            }
        }
        return best == null ? new ProductChoice(GENERIC, DEFAULT) : new ProductChoice(best, DETECTED + best);
    }

    private static int confidence(ProductDetector detector, String product, Path systemRoot) {
        if (product == null || !Settings.PRODUCT.matcher(product).matches()) {
            LOG.warn("Product detector {} names product '{}', which does not match {}; ignoring it", detector,
                    product, Settings.PRODUCT.pattern());
            return 0;
        }
        // Clamped so a plugin overstating its certainty cannot outrank one that is merely certain.
        return Math.min(detector.confidence(systemRoot), 100);
    }
}
