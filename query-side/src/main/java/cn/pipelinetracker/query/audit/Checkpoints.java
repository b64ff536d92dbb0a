package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.platform.audit.CheckpointSigner;
import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.audit.PublicChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes the signed checkpoints over the global log, every minute by default: the running hashes (scheme 1 and
 * scheme 2) and count of every event up to a position, signed with the HMAC key (scheme 1) and the Ed25519 key
 * (scheme 2). Only events recorded a while ago are covered, so that a transaction still committing at a lower position
 * cannot slip in behind a checkpoint. Several query-side processes take turns (an advisory lock); a checkpoint one of
 * them wrote is left as it is.
 * <p>
 * Before that, it gives events sealed under scheme 1 only their scheme-2 hash, and has the current Ed25519 key sign
 * every earlier checkpoint it has not signed yet — checkpoints from before scheme 2, and after a key rotation the
 * checkpoints the old key signed — each only after the log up to it and its existing signatures check out.
 */
@Component
public class Checkpoints implements InitializingBean {

    /** How long after its recorded time an event is certain to be committed, or never to be. */
    static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    private static final long CHECKPOINT_LOCK = 0x5049_5045_4348_4b50L; // "PIPECHKP"

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventChain chain;
    private final CheckpointSigner signer;
    private final AnchorFile anchor;
    private final Clock clock;

    public Checkpoints(DataSource dataSource, TransactionTemplate transaction, EventChain chain,
                       CheckpointSigner signer, AnchorFile anchor, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.transaction = transaction;
        this.chain = chain;
        this.signer = signer;
        this.anchor = anchor;
        this.clock = clock;
    }

    /**
     * At start-up (old events got their scheme-2 hash when the chain was made): earlier checkpoints get the current
     * key's signature (once, after an upgrade or a key rotation), so that verify has nothing to wait for; and the
     * public key is shown.
     */
    @Override
    public void afterPropertiesSet() {
        transaction.executeWithoutResult(status -> {
            lockAndRegisterKey();
            signEarlier();
            if (anchor.configured() && !anchor.exists()) {
                // anchoring begins with the newest checkpoint's signatures; every later one follows as it is signed
                jdbc.query(AnchorFile.Entry.SELECT + " WHERE c.position = (SELECT max(position) FROM audit_checkpoint)"
                        + " ORDER BY s.key_id", rs -> {
                    anchor.append(AnchorFile.Entry.of(rs));
                });
                anchor.create();
            }
        });
        log.info("""
                Audit checkpoints are signed with {} key {}. Public key (base64 X.509 SubjectPublicKeyInfo), for                 verify-export --public-key:
                    {}""", CheckpointSigner.ALGORITHM, signer.keyId(), signer.publicKey());
    }

    private void lockAndRegisterKey() {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", CHECKPOINT_LOCK);
        jdbc.update("INSERT INTO audit_signing_key (key_id, algorithm, public_key) VALUES (?, ?, ?) "
                + "ON CONFLICT (key_id) DO NOTHING", signer.keyId(), CheckpointSigner.ALGORITHM, signer.publicKey());
    }

    @Scheduled(initialDelayString = "${pipeline.audit.checkpoint-interval:PT1M}",
            fixedDelayString = "${pipeline.audit.checkpoint-interval:PT1M}")
    void scheduled() {
        write(clock.instant().minus(SETTLE));
    }

    /** Writes a checkpoint covering the events recorded before {@code settledBefore}; returns its position, if any. */
    public Long write(Instant settledBefore) {
        chain.backfill(dataSource);
        return transaction.execute(status -> {
            lockAndRegisterKey();
            if (!signEarlier()) {
                return null;
            }
            var last = jdbc.query("SELECT position, events, chain_hash, public_chain_hash FROM audit_checkpoint "
                            + "ORDER BY position DESC LIMIT 1",
                    (rs, row) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)});
            long from = last.isEmpty() ? 0 : (long) last.get(0)[0];
            long[] events = {last.isEmpty() ? 0 : (long) last.get(0)[1]};
            String[] running = {last.isEmpty() ? null : (String) last.get(0)[2]};
            String[] publicRunning = {last.isEmpty() ? null : (String) last.get(0)[3]};
            long[] position = {-1};
            boolean[] covering = {true};
            // up to the first event not settled yet, or not yet given its scheme-2 hash (sealed just now after an
            // event still waiting for its own)
            jdbc.query("""
                    SELECT e.global_index, e.time_stamp, h.hash, h.public_hash
                    FROM domain_event_entry e JOIN event_hash h ON h.global_index = e.global_index
                    WHERE e.global_index > ? ORDER BY e.global_index""", rs -> {
                if (covering[0] && Instant.parse(rs.getString(2)).isBefore(settledBefore) && rs.getString(4) != null) {
                    position[0] = rs.getLong(1);
                    events[0]++;
                    running[0] = PublicChain.extend(running[0], position[0], rs.getString(3));
                    publicRunning[0] = PublicChain.extend(publicRunning[0], position[0], rs.getString(4));
                } else {
                    covering[0] = false;
                }
            }, from);
            if (position[0] < 0) {
                return null;
            }
            String signature = signer.sign(position[0], events[0], publicRunning[0]);
            int written = jdbc.update("""
                            INSERT INTO audit_checkpoint (position, events, chain_hash, signature, public_chain_hash)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING""",
                    position[0], events[0], running[0], chain.sign(position[0], events[0], running[0]),
                    publicRunning[0]);
            if (written == 1) {
                jdbc.update("INSERT INTO audit_checkpoint_signature (position, key_id, signature) VALUES (?, ?, ?)",
                        position[0], signer.keyId(), signature);
                anchor.append(new AnchorFile.Entry(position[0], events[0], publicRunning[0], signature,
                        signer.keyId()));
            }
            // Also kept outside the database: the log is a further witness if checkpoints are deleted there.
            log.info("Audit checkpoint at position {} over {} events: chain {}, scheme 2 chain {}", position[0],
                    events[0], running[0], publicRunning[0]);
            return position[0];
        });
    }

    /**
     * Has the current key sign every checkpoint it has not signed, each once the log up to it adds up and what vouched
     * for it so far checks out: an existing Ed25519 signature by a registered key, or (from before scheme 2) its
     * HMAC signature and scheme-1 running hash. Stops at the first that does not; false then (nothing more is signed
     * on top of it — verify names it).
     */
    private boolean signEarlier() {
        boolean anyUnsigned = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM audit_checkpoint c WHERE c.public_chain_hash IS NULL OR NOT EXISTS (
                    SELECT 1 FROM audit_checkpoint_signature s WHERE s.position = c.position AND s.key_id = ?))""",
                Boolean.class, signer.keyId());
        if (!anyUnsigned) {
            return true;
        }
        boolean[] intact = {true};
        CheckpointWalk.walk(jdbc, CheckpointWalk.Checkpoint.all(jdbc), (checkpoint, sum) -> {
            intact[0] = vouchedFor(checkpoint, sum);
            if (!intact[0]) {
                log.error("The audit checkpoint at position {} does not check out: it and later ones are not signed "
                        + "with key {}", checkpoint.position(), signer.keyId());
                return false;
            }
            if (checkpoint.publicChainHash() == null) {
                jdbc.update("UPDATE audit_checkpoint SET public_chain_hash = ? WHERE position = ?",
                        sum.publicChainHash(), checkpoint.position());
            }
            String signature = signer.sign(checkpoint.position(), checkpoint.events(), sum.publicChainHash());
            if (jdbc.update("INSERT INTO audit_checkpoint_signature (position, key_id, signature) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", checkpoint.position(), signer.keyId(), signature) == 1) {
                anchor.append(new AnchorFile.Entry(checkpoint.position(), checkpoint.events(), sum.publicChainHash(),
                        signature, signer.keyId()));
            }
            return true;
        });
        return intact[0];
    }

    private boolean vouchedFor(CheckpointWalk.Checkpoint checkpoint, CheckpointWalk.Sum sum) {
        if (sum.publicChainHash() == null) {
            return false;
        }
        if (checkpoint.publicChainHash() != null) {
            if (!checkpoint.publicChainHash().equals(sum.publicChainHash()) || checkpoint.events() != sum.events()) {
                return false;
            }
            List<Boolean> signatures = jdbc.query("""
                            SELECT k.public_key, s.signature FROM audit_checkpoint_signature s
                            JOIN audit_signing_key k ON k.key_id = s.key_id WHERE s.position = ?""",
                    (rs, row) -> CheckpointSigner.verify(rs.getString(1), checkpoint.position(), checkpoint.events(),
                            checkpoint.publicChainHash(), rs.getString(2)), checkpoint.position());
            if (!signatures.isEmpty()) {
                return !signatures.contains(false);
            }
        }
        return sum.matchesScheme1(checkpoint)
                && chain.sign(checkpoint.position(), checkpoint.events(), checkpoint.chainHash())
                .equals(checkpoint.signature());
    }
}
