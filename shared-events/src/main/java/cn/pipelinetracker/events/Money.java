package cn.pipelinetracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact amount of RMB yuan: never negative, at most two decimals (fen).
 * Serialized as a plain JSON number ({@code 67500000000} is RMB 67.5 billion).
 */
public record Money(BigDecimal yuan) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        Objects.requireNonNull(yuan, "yuan");
        if (yuan.signum() < 0) {
            throw new IllegalArgumentException("an amount of money cannot be negative: " + yuan.toPlainString());
        }
        BigDecimal stripped = yuan.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new IllegalArgumentException("an amount of money has at most 2 decimals: " + yuan.toPlainString());
        }
        // One canonical form per value, so that equal amounts are equal records: 1.50 -> 1.5, 6.75E+10 -> 67500000000.
        yuan = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @JsonCreator
    public static Money ofYuan(BigDecimal yuan) {
        return new Money(yuan);
    }

    public static Money ofYuan(String yuan) {
        return new Money(new BigDecimal(yuan));
    }

    @JsonValue
    public BigDecimal yuan() {
        return yuan;
    }

    public Money plus(Money other) {
        return new Money(yuan.add(other.yuan));
    }

    @Override
    public int compareTo(Money other) {
        return yuan.compareTo(other.yuan);
    }

    @Override
    public String toString() {
        return yuan.toPlainString();
    }
}
