package io.updraft.verifier.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.tuf.TufKey;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;

/**
 * Every target reachable by the TUF pre-order search (5.6.7): a role's own targets first, then its delegations
 * in order, each limited to the paths its delegators gave it; a terminating delegation that covers a path ends
 * the search for that path. The first role to list a path wins.
 */
final class DelegationSearch {
    private static final Logger LOG = LoggerFactory.getLogger(DelegationSearch.class);

    /** Loads and verifies a delegated role with the keys its delegator lists. */
    @FunctionalInterface
    interface RoleLoader {
        Roles.Targets load(Roles.Delegation delegation, Map<String, TufKey> delegatorKeys)
                throws VerificationException, IOException;
    }

    private final String repositoryId;
    private final int maxDelegations;
    private final RoleLoader loader;
    private final Map<String, TargetInfo> found = new LinkedHashMap<>();
    /** The delegation chains of terminating delegations whose subtree was searched. */
    private final List<List<Roles.Delegation>> finishedTerminating = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();

    DelegationSearch(String repositoryId, int maxDelegations, RoleLoader loader) {
        this.repositoryId = repositoryId;
        this.maxDelegations = maxDelegations;
        this.loader = loader;
    }

    List<TargetInfo> targets(Roles.Targets top) throws VerificationException, IOException {
        visit(top, List.of());
        return new ArrayList<>(found.values());
    }

    private void visit(Roles.Targets role, List<Roles.Delegation> scope) throws VerificationException, IOException {
        if (!visited.add(role.role())) {
            return; // a delegation cycle or a role delegated to twice: the first visit decides
        }
        if (visited.size() > maxDelegations + 1) {
            throw new VerificationException(Reason.MALFORMED, "repository " + repositoryId + " delegates to more than "
                    + maxDelegations + " roles");
        }
        for (TargetInfo target : role.targets()) {
            if (found.containsKey(target.path())) {
                continue;
            }
            if (!coveredByAll(scope, target.path())) {
                LOG.warn("Role {} lists {} outside the paths delegated to it; ignored", role.role(), target.path());
                continue;
            }
            // A finished terminating delegation ended the search only for paths its whole chain covers.
            if (finishedTerminating.stream().anyMatch(chain -> coveredByAll(chain, target.path()))) {
                continue;
            }
            found.put(target.path(), target);
        }
        for (Roles.Delegation delegation : role.delegations()) {
            if (visited.contains(delegation.name())) {
                continue;
            }
            Roles.Targets child = loader.load(delegation, role.keys());
            List<Roles.Delegation> childScope = new ArrayList<>(scope);
            childScope.add(delegation);
            visit(child, childScope);
            if (delegation.terminating()) {
                finishedTerminating.add(childScope);
            }
        }
    }

    private static boolean coveredByAll(List<Roles.Delegation> chain, String path) {
        return chain.stream().allMatch(d -> PathPatterns.covers(d, path));
    }
}
