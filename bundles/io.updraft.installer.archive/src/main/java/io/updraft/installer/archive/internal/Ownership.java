package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * The owner and group every installed entry gets, from the component spec (never from the archive, whose ids mean
 * nothing on this device). Resolved once per stage so an unknown name fails before anything is written.
 */
final class Ownership {
    static final Ownership KEEP = new Ownership(null, null, null, null);

    private final Integer uid;
    private final Integer gid;
    private final UserPrincipal user;
    private final GroupPrincipal group;

    private Ownership(Integer uid, Integer gid, UserPrincipal user, GroupPrincipal group) {
        this.uid = uid;
        this.gid = gid;
        this.user = user;
        this.group = group;
    }

    /**
     * @param owner user name or numeric id, or null to keep the runtime's
     * @param group group name or numeric id, or null to keep the runtime's
     * @throws InstallException {@code STAGE_FAILED} naming an unknown user or group
     */
    static Ownership resolve(String owner, String group, Path where) throws InstallException {
        if (owner == null && group == null) {
            return KEEP;
        }
        UserPrincipalLookupService lookup = where.getFileSystem().getUserPrincipalLookupService();
        try {
            Integer uid = numeric(owner);
            Integer gid = numeric(group);
            UserPrincipal user = owner != null && uid == null ? lookup.lookupPrincipalByName(owner) : null;
            GroupPrincipal grp = group != null && gid == null ? lookup.lookupPrincipalByGroupName(group) : null;
            return new Ownership(uid, gid, user, grp);
        } catch (UserPrincipalNotFoundException e) {
            throw new InstallException(Reason.STAGE_FAILED, "owner '" + owner
                    + "' or group '" + group + "' does not exist on this device ('" + e.getName() + "' is unknown)", e);
        } catch (IOException e) {
            throw new InstallException(Reason.STAGE_FAILED, "cannot look up owner '"
                    + owner + "' / group '" + group + "': " + e.getMessage(), e);
        }
    }

    /** Applies owner and group to {@code p} itself, never to what a link points to. */
    void apply(Path p) throws IOException {
        if (uid != null) {
            Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        } else if (user != null) {
            view(p).setOwner(user);
        }
        if (gid != null) {
            Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } else if (group != null) {
            view(p).setGroup(group);
        }
    }

    private static PosixFileAttributeView view(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static Integer numeric(String id) {
        if (id == null || !id.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(id);
    }
}
