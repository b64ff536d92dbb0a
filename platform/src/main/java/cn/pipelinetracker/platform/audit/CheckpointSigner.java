package cn.pipelinetracker.platform.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key that signs checkpoints. The private key never enters the database: it is configured
 * ({@code pipeline.audit.signing-key}, base64 PKCS#8), or kept in a file readable by its owner only
 * ({@code pipeline.audit.signing-key-file}, by default {@code DIR/audit-signing-key}), generated there the first
 * time. Only the public key is recorded in the database ({@code audit_signing_key}) for verification.
 */
public final class CheckpointSigner {

    public static final String ALGORITHM = "Ed25519";
    public static final String DEFAULT_FILE = "audit-signing-key";

    private final PrivateKey privateKey;
    private final String publicKey;
    private final String keyId;

    private CheckpointSigner(PrivateKey privateKey) {
        this.privateKey = privateKey;
        byte[] spki = publicKeyOf(privateKey).getEncoded();
        this.publicKey = Base64.getEncoder().encodeToString(spki);
        this.keyId = keyIdOf(spki);
    }

    /** The configured key if there is one, else the one in {@code file}, generated there the first time. */
    public static CheckpointSigner load(String configuredKey, Path file) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return new CheckpointSigner(privateKey(configuredKey.strip()));
        }
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            return new CheckpointSigner(privateKey(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the checkpoint signing key " + file, e);
        }
    }

    private static void generate(Path file) throws IOException {
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair().getPrivate().getEncoded();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path draft = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(draft);
            try {
                Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(draft);
                draft.toFile().setReadable(false, false);
                draft.toFile().setReadable(true, true);
            }
            Files.writeString(draft, Base64.getEncoder().encodeToString(pkcs8) + "\n", StandardOpenOption.WRITE);
            try {
                // a second process generating at the same moment: the first key to land wins, both then read it
                Files.createLink(file, draft);
            } catch (FileAlreadyExistsException another) {
                // keep the other one
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The base64 Ed25519 signature of a checkpoint. */
    public String sign(long position, long count, String chainHash) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(PublicChain.checkpointStatement(position, count, chainHash));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} (base64) is the key's signature of the checkpoint; false for anything malformed. */
    public static boolean verify(String publicKey, long position, long count, String chainHash, String signature) {
        try {
            Signature check = Signature.getInstance(ALGORITHM);
            check.initVerify(KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))));
            check.update(PublicChain.checkpointStatement(position, count, chainHash));
            return check.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The key's id: the first 16 hex digits of the SHA-256 of its X.509 SubjectPublicKeyInfo. */
    public static String keyIdOf(byte[] spki) {
        return PublicChain.sha256(spki).substring(0, 16);
    }

    private static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The checkpoint signing key is not a base64 PKCS#8 Ed25519 private key", e);
        }
    }

    /** The JDK has no call for it: the generator, fed the private key's bytes as its randomness, derives the pair. */
    private static PublicKey publicKeyOf(PrivateKey privateKey) {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes().orElseThrow();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, bytes.length);
                }
            });
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
