package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.updraft.tuf.TufSigner;
import io.updraft.update.Names;
import io.updraft.update.Release;
import io.updraft.update.Version;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.ReleaseDescriptor;

/** {@code package}: a signed, self-describing package file from a directory or a file. */
final class PackageCommand implements Command {
    @Override
    public String name() {
        return "package";
    }

    @Override
    public String summary() {
        return "Build and sign a package (manifest, signature, payload) from a directory or file.";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.required("component", "NAME", "the component the release is of"),
                Option.required("version", "SEMVER", "the release's version, e.g. 1.4.0 or 2.0.0-rc.1"),
                Option.many("product", "NAME", false, "product type(s) it is for (default: any)"),
                Option.many("hardware", "REV", false, "hardware revision(s) it is for (default: any)"),
                Option.many("requires", "COMPONENT=RANGE", false, "needs another component, e.g. 'base=>=1.2.0 <2.0.0'"),
                Option.many("conflicts", "COMPONENT=RANGE", false, "cannot be installed with another component's versions"),
                Option.optional("kind", "full|delta", "whole component (default) or a delta"),
                Option.optional("delta-base", "SEMVER", "for a delta, the version it applies to"),
                Option.optional("install", "KIND", "how the installer applies it, e.g. archive (default) or image"),
                Option.required("from", "DIR|FILE", "the payload: every file below DIR, or one FILE"),
                Option.optional("compress", "zstd|gzip|none", "archive compression (default zstd)"),
                Option.many("key", "FILE", true, "targets private key(s) to sign with"),
                Option.optional("created", "TIME", "creation time for reproducible builds, e.g. 2030-01-31T12:00:00Z (default now)"),
                Option.required("out", "FILE", "the package file to create; never overwritten"));
    }

    @Override
    public String details() {
        return "Symbolic links inside DIR are stored as copies of the files they point to; links leading outside\n"
                + "DIR and special files are refused. The same input, keys and --created give the same bytes.";
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        ReleaseDescriptor release = release(args);
        Path from = args.path("from");
        if (!Files.exists(from)) {
            throw new UsageException("--from " + from + " does not exist");
        }
        Compression compression = Args.convert("compress", args.optional("compress").orElse("zstd"), Compression::parse);
        Instant created = args.has("created") ? Args.convert("created", args.value("created"), Times::parseInstant)
                : context.now();
        created = created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<TufSigner> signers = new ArrayList<>();
        for (String file : args.all("key")) {
            signers.add(loadKey(Args.existingFile("key", file)));
        }
        Path out = args.path("out");
        if (Files.exists(out)) {
            throw new PublishException("--out " + out + " exists already; choose another file");
        }
        if (!Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new UsageException("--out: directory " + out.toAbsolutePath().getParent() + " does not exist");
        }

        List<PayloadFile> files = PayloadFile.collect(from);
        PackageManifest manifest = PackageWriter.manifest(release, created, files);
        PackageWriter.write(out, manifest, PackageWriter.signature(manifest, signers), files, compression);
        long bytes = manifest.files().stream().mapToLong(PackageManifest.PackageFile::length).sum();
        context.out().println("package " + out + ": " + release.component() + " " + release.version() + ", "
                + files.size() + " file(s), " + bytes + " payload bytes, signed by "
                + signers.stream().map(TufSigner::keyId).toList());
        return Main.OK;
    }

    static TufSigner loadKey(Path file) throws PublishException, IOException {
        try {
            return TufSigner.load(file);
        } catch (IllegalArgumentException e) {
            throw new PublishException("--key: " + e.getMessage(), e);
        }
    }

    private static ReleaseDescriptor release(Arguments args) throws UsageException {
        String component = Args.convert("component", args.value("component"), Names::requireComponentName);
        Version version = Args.convert("version", args.value("version"), Version::parse);
        Set<String> products = tokens(args, "product");
        Set<String> hardware = tokens(args, "hardware");
        Map<String, String> requires = ranges(args, "requires");
        Map<String, String> conflicts = ranges(args, "conflicts");
        String kindText = args.optional("kind").orElse("full");
        Release.Kind kind;
        if ("full".equals(kindText)) {
            kind = Release.Kind.FULL;
        } else if ("delta".equals(kindText)) {
            kind = Release.Kind.DELTA;
        } else {
            throw new UsageException("--kind '" + kindText + "' must be full or delta");
        }
        Version base = null;
        if (args.has("delta-base")) {
            base = Args.convert("delta-base", args.value("delta-base"), Version::parse);
        }
        if (kind == Release.Kind.DELTA && base == null) {
            throw new UsageException("--kind delta needs --delta-base VERSION");
        }
        if (kind == Release.Kind.FULL && base != null) {
            throw new UsageException("--delta-base is only for --kind delta");
        }
        String install = args.optional("install").orElse(null);
        if (install != null && !install.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new UsageException("--install '" + install + "' must be a lower-case name like archive or image");
        }
        try {
            return new ReleaseDescriptor(component, version, products, hardware, requires, conflicts, kind, base, install);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid release: " + e.getMessage(), e);
        }
    }

    private static Set<String> tokens(Arguments args, String option) throws UsageException {
        Set<String> out = new LinkedHashSet<>();
        for (String v : args.all(option)) {
            if (!v.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                throw new UsageException("--" + option + " '" + v + "' must be 1-64 characters of a-z, 0-9, '.', '_', '-'");
            }
            out.add(v);
        }
        return out;
    }

    private static Map<String, String> ranges(Arguments args, String option) throws UsageException {
        Map<String, String> pairs = Args.pairs(args, option);
        for (String name : pairs.keySet()) {
            Args.convert(option, name, Names::requireComponentName);
        }
        return pairs;
    }
}
