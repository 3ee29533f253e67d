package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import io.updraft.fs.DurableFiles;
import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.KeyType;
import io.updraft.tuf.TufSigner;

/** {@code keygen}: a new private key (PKCS#8 PEM, 0600) and its public key in TUF form next to it. */
final class KeygenCommand implements Command {
    @Override
    public String name() {
        return "keygen";
    }

    @Override
    public String summary() {
        return "Generate an Ed25519 or ECDSA P-256 signing key.";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.optional("type", "ed25519|ecdsa-p256", "key type (default ed25519)"),
                Option.required("out", "FILE", "the private key file to create (mode 0600; never overwritten)"));
    }

    @Override
    public String details() {
        return "Also writes FILE.pub, the public key as TUF metadata lists it, for 'delegate --key'.";
    }

    @Override
    public int run(Arguments args, Context context) throws UsageException, PublishException, IOException {
        KeyType type = Args.keyType(args, "type");
        Path out = args.path("out");
        Path pub = out.resolveSibling(out.getFileName() + ".pub");
        for (Path p : List.of(out, pub)) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new PublishException("--out: " + p + " exists already; keygen never overwrites a key");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new UsageException("--out: directory " + parent + " does not exist");
        }
        TufSigner signer = TufSigner.generate(type, context.random());
        signer.store(out);
        byte[] json = CanonicalJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(signer.publicKey().toJson()).concat("\n").getBytes(StandardCharsets.UTF_8);
        DurableFiles.write(pub, json, null, false, pub.resolveSibling("." + pub.getFileName() + ".tmp"));
        context.out().println(type.scheme() + " key " + signer.keyId() + " written to " + out + " (public: " + pub + ")");
        return Main.OK;
    }
}
