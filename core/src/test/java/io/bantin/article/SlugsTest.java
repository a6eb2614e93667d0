package io.bantin.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    private static final Pattern WELL_FORMED = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Văn phòng Tỉnh ủy Bắc Ninh chủ động đổi mới          | van-phong-tinh-uy-bac-ninh-chu-dong-doi-moi
            đường Đê La Thành                                    | duong-de-la-thanh
            ĐẢNG BỘ TỈNH                                         | dang-bo-tinh
            Đđ                                                   | dd
            ÐẢNG BỘ (Ð is U+00D0, the look-alike of Đ)           | dang-bo-d-is-u-00d0-the-look-alike-of-d
            ðường ðê                                             | duong-de
            Sư phạm ưu tú                                        | su-pham-uu-tu
            Ơn nghĩa, cờ đỏ                                      | on-nghia-co-do
            a à á ả ã ạ                                          | a-a-a-a-a-a
            ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ                              | a-a-a-a-a-a-a-a-a-a-a-a
            e è é ẻ ẽ ẹ ê ề ế ể ễ ệ                              | e-e-e-e-e-e-e-e-e-e-e-e
            i ì í ỉ ĩ ị y ỳ ý ỷ ỹ ỵ                              | i-i-i-i-i-i-y-y-y-y-y-y
            o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ                  | o-o-o-o-o-o-o-o-o-o-o-o-o-o-o-o-o-o
            u ù ú ủ ũ ụ ư ừ ứ ử ữ ự                              | u-u-u-u-u-u-u-u-u-u-u-u
            Hội nghị lần thứ 12 (khóa XX)                        | hoi-nghi-lan-thu-12-khoa-xx
            '  --Tin   nổi bật!!!--  '                           | tin-noi-bat
            Giá xăng 23.500đ/lít                                 | gia-xang-23-500d-lit
            Lễ hội 🎉 mùa xuân 🌸                                 | le-hoi-mua-xuan
            🎉🎉🎉                                                 | bai-viet
            '?!... ---'                                          | bai-viet
            ''                                                   | bai-viet
            Ｆｕｌｌ ｗｉｄｔｈ １２３                               | full-width-123
            C++ & Java_17                                        | c-java-17
            """)
    void slugTable(String title, String slug) {
        assertThat(Slugs.slugify(title)).isEqualTo(slug);
    }

    @Test
    void precomposedAndCombiningInputGiveTheSameSlug() {
        String title = "Tỉnh ủy Quảng Trị tổng kết công tác năm, định hướng nhiệm vụ";
        String nfc = Normalizer.normalize(title, Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(title, Normalizer.Form.NFD);
        assertThat(nfd).isNotEqualTo(nfc);
        assertThat(Slugs.slugify(nfd)).isEqualTo(Slugs.slugify(nfc))
                .isEqualTo("tinh-uy-quang-tri-tong-ket-cong-tac-nam-dinh-huong-nhiem-vu");
    }

    @Test
    void longTitlesAreCutAtAWordBoundary() {
        String title = "Ủy ban nhân dân tỉnh triển khai kế hoạch chuyển đổi số trong các cơ quan hành chính "
                + "nhà nước giai đoạn hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi";
        String slug = Slugs.slugify(title);
        assertThat(slug.length()).isLessThanOrEqualTo(80);
        assertThat(slug).matches(WELL_FORMED).startsWith("uy-ban-nhan-dan-tinh");
        String full = "uy-ban-nhan-dan-tinh-trien-khai-ke-hoach-chuyen-doi-so-trong-cac-co-quan-hanh-chinh-nha-nuoc";
        assertThat(full).startsWith(slug);
        assertThat(full.charAt(slug.length())).isEqualTo('-');
    }

    @Test
    void aSingleHugeWordIsCutHard() {
        String slug = Slugs.slugify("a".repeat(200));
        assertThat(slug).hasSize(80).matches(WELL_FORMED);
    }

    @Test
    void cutExactlyAtAHyphenKeepsTheWholeWord() {
        String title = "x".repeat(80) + " tail";
        assertThat(Slugs.slugify(title)).isEqualTo("x".repeat(80));
    }

    @Test
    void everySlugIsWellFormed() {
        String[] titles = {"-a-", "a--b", "Ê!", "\u0301\u0300", "đ", "1", "\t\n x \r"};
        for (String t : titles) {
            assertThat(Slugs.slugify(t)).as(t).matches(WELL_FORMED).hasSizeLessThanOrEqualTo(80);
        }
    }

    @Test
    void nullIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> Slugs.slugify(null)).withMessage("text");
    }
}
