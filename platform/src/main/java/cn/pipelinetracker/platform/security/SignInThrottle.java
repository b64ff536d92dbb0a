package cn.pipelinetracker.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins per user name and per client address, and the back-off they earn: once the free failures are used
 * up, the name or address waits, and each further failure makes it wait twice as long as the last time (up to the
 * maximum). Attempts refused while waiting are not failures: a client that retries does not lock itself out for
 * longer. A name or address is forgotten once it has been quiet for the maximum back-off after its last failure or
 * wait, or when more than the remembered number of others failed after it. Kept in this process's memory: with
 * several processes behind one address, each counts the failures it sees.
 */
public final class SignInThrottle {

    /** {@code waitUntil} is the last failure itself while the failures are still free. */
    private record Failures(int count, Instant waitUntil) {
    }

    private final SecurityProperties.SignIn settings;
    private final Clock clock;
    private final Map<String, Failures> byKey;

    public SignInThrottle(SecurityProperties.SignIn settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.byKey = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > settings.rememberedClients();
            }
        };
    }

    /** How long an attempt for this name (null: none given, as with a bearer token) from this address must wait. */
    public synchronized Optional<Duration> waitFor(String name, String address) {
        Instant now = clock.instant();
        Instant until = later(current(nameKey(name), now), current(addressKey(address), now));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public synchronized void failed(String name, String address) {
        Instant now = clock.instant();
        fail(nameKey(name), settings.freeFailuresPerName(), now);
        fail(addressKey(address), settings.freeFailuresPerAddress(), now);
    }

    /** A sign-in that succeeded clears its name's failures (not its address's: one good account must not reset it). */
    public synchronized void succeeded(String name) {
        if (name != null) {
            byKey.remove(nameKey(name));
        }
    }

    private void fail(String key, int free, Instant now) {
        if (key == null) {
            return;
        }
        Failures before = current(key, now);
        int count = before == null ? 1 : before.count() + 1;
        Instant waitUntil = count >= free ? now.plus(backOff(count - free)) : now;
        byKey.remove(key); // re-inserted last: the map is ordered by the latest failure
        byKey.put(key, new Failures(count, waitUntil));
    }

    private Duration backOff(int failuresAfterTheFree) {
        Duration max = settings.maxBackOff();
        Duration backOff = settings.firstBackOff();
        for (int i = 0; i < failuresAfterTheFree && backOff.compareTo(max) < 0; i++) {
            backOff = backOff.multipliedBy(2);
        }
        return backOff.compareTo(max) < 0 ? backOff : max;
    }

    private Failures current(String key, Instant now) {
        Failures failures = key == null ? null : byKey.get(key);
        if (failures != null && now.isAfter(failures.waitUntil().plus(settings.maxBackOff()))) {
            byKey.remove(key);
            return null;
        }
        return failures;
    }

    private static Instant later(Failures a, Failures b) {
        Instant first = a == null ? Instant.MIN : a.waitUntil();
        Instant second = b == null ? Instant.MIN : b.waitUntil();
        return first.isAfter(second) ? first : second;
    }

    private static String nameKey(String name) {
        return name == null ? null : "name:" + name;
    }

    private static String addressKey(String address) {
        return address == null ? null : "address:" + address;
    }
}
