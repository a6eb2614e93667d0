package io.bantin.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartViewTest {
    @Test
    void scalesToARoundMaximum() {
        ChartView c = ChartView.of(List.of(0L, 50L, 120L), List.of(10L, 80L, 170L), "01/11", "03/11");
        assertThat(c.maxLabel()).isEqualTo("200");
        assertThat(c.visitPoints().split(" ")).hasSize(3);
        assertThat(c.visitPoints()).startsWith(c.left() + ".0," + c.bottom() + ".0");
        assertThat(c.description()).contains("260 lượt xem trang");
    }

    @Test
    void niceCeilings() {
        assertThat(ChartView.niceCeiling(1)).isEqualTo(1);
        assertThat(ChartView.niceCeiling(7)).isEqualTo(10);
        assertThat(ChartView.niceCeiling(11)).isEqualTo(20);
        assertThat(ChartView.niceCeiling(499)).isEqualTo(500);
        assertThat(ChartView.niceCeiling(5001)).isEqualTo(10000);
    }
}
