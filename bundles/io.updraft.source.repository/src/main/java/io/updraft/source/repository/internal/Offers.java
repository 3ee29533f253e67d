package io.updraft.source.repository.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.update.Offer;
import io.updraft.verifier.ReleaseDescriptor;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.VerificationException;

/** The releases of a verified repository as offers: every target whose {@code custom} is a release descriptor. */
final class Offers {
    private static final Logger LOG = LoggerFactory.getLogger(Offers.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Offers() {
    }

    static List<Offer> of(String source, URI targetsUrl, List<URI> mirrors, TrustedRepository repository) {
        List<Offer> offers = new ArrayList<>();
        for (TargetInfo target : repository.targets()) {
            try {
                ReleaseDescriptor descriptor = ReleaseDescriptor.fromJson(MAPPER.valueToTree(target.custom()),
                        "release descriptor");
                if (!descriptor.targetPath().equals(target.path())) {
                    // Otherwise a role delegated only some paths could publish any component under them.
                    throw new IllegalArgumentException("it describes " + descriptor.component() + " "
                            + descriptor.version() + ", which may only be published as " + descriptor.targetPath());
                }
                String path = repository.downloadPath(target);
                URI artifact = RepositoryPaths.target(targetsUrl, path);
                List<String> alternatives = new ArrayList<>(mirrors.size());
                for (URI mirror : mirrors) {
                    alternatives.add(RepositoryPaths.target(mirror, path).toString());
                }
                offers.add(new Offer(descriptor.release(), source, artifact.toString(), target.length(),
                        target.hashes(), descriptor.requires(), descriptor.conflicts(), descriptor.install(),
                        alternatives));
            } catch (VerificationException | IllegalArgumentException e) {
                // Signed, but not a release this device understands: other targets still count.
                LOG.warn("Skipping target {} of repository {}: {}", target.path(), source, e.getMessage());
            }
        }
        return List.copyOf(offers);
    }
}
