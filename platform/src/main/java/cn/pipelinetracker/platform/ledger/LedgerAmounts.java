package cn.pipelinetracker.platform.ledger;

import java.math.BigDecimal;

/**
 * The ledger's amounts are 万元 (ten thousand yuan); the system's are yuan. Both ways exact: a yuan amount has at most
 * 2 decimals, so its 万元 has at most 6.
 */
public final class LedgerAmounts {

    public static final int MAX_WAN_DECIMALS = 6;

    private LedgerAmounts() {
    }

    public static BigDecimal wanOf(BigDecimal yuan) {
        return plain(yuan.movePointLeft(4));
    }

    public static BigDecimal yuanOf(BigDecimal wan) {
        return plain(wan.movePointRight(4));
    }

    /** Without trailing zeros and never in exponent form ({@code 7866000}, not {@code 7.866E+6}). */
    public static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
