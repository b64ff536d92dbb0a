package cn.pipelinetracker.events;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void equalAmountsAreEqualWhateverTheirScale() {
        assertThat(Money.ofYuan("1.50")).isEqualTo(Money.ofYuan("1.5"));
        assertThat(Money.ofYuan(new BigDecimal("6.75E+10")).yuan()).isEqualByComparingTo("67500000000");
        assertThat(Money.ofYuan(new BigDecimal("6.75E+10")).toString()).isEqualTo("67500000000");
    }

    @Test
    void keepsFen() {
        assertThat(Money.ofYuan("1000000000.05").yuan()).isEqualTo(new BigDecimal("1000000000.05"));
    }

    @Test
    void rejectsMoreThanTwoDecimals() {
        assertThatThrownBy(() -> Money.ofYuan("1.005")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeAmounts() {
        assertThatThrownBy(() -> Money.ofYuan("-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
