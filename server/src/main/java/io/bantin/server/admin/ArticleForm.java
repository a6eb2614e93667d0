package io.bantin.server.admin;

import java.util.List;
import java.util.Map;

/**
 * The article editor's fields as the editor typed them, plus the errors of the last attempt.
 * Strings are never {@code null} (empty instead), so the template can print them as they are.
 *
 * @param id the article's id, 0 for a new one
 * @param title title
 * @param slug slug, empty to derive it from the title
 * @param summary summary
 * @param body HTML body (sanitized by the core on save)
 * @param authorName author's name
 * @param authorPosition author's position, e.g. "Phó Chủ tịch UBND tỉnh"
 * @param sourceText source
 * @param sourceUrl source URL
 * @param category category name
 * @param tags comma-separated tags
 * @param imageUrl image URL
 * @param imageAlt image description
 * @param status status id: draft, scheduled, published, archived
 * @param publishedAt {@code yyyy-MM-ddTHH:mm} in the site's zone, or empty
 * @param zoneLabel the site's zone, shown next to the time field
 * @param errors field name to message
 */
public record ArticleForm(long id, String title, String slug, String summary, String body, String authorName,
                          String authorPosition, String sourceText, String sourceUrl, String category, String tags,
                          String imageUrl, String imageAlt, String status, String publishedAt, String zoneLabel,
                          Map<String, String> errors) {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("title", "Tiêu đề"), Map.entry("slug", "Đường dẫn"), Map.entry("summary", "Tóm tắt"),
            Map.entry("body", "Nội dung"), Map.entry("author", "Tác giả"), Map.entry("author.name", "Họ tên tác giả"),
            Map.entry("authorName", "Họ tên tác giả"), Map.entry("author.position", "Chức vụ"),
            Map.entry("authorPosition", "Chức vụ"), Map.entry("source", "Nguồn"), Map.entry("source.text", "Nguồn tin"),
            Map.entry("sourceText", "Nguồn tin"), Map.entry("source.url", "Địa chỉ nguồn"),
            Map.entry("sourceUrl", "Địa chỉ nguồn"), Map.entry("category", "Chuyên mục"), Map.entry("tags", "Từ khóa"),
            Map.entry("image", "Ảnh"), Map.entry("image.url", "Địa chỉ ảnh"), Map.entry("imageUrl", "Địa chỉ ảnh"),
            Map.entry("image.alt", "Mô tả ảnh"), Map.entry("imageAlt", "Mô tả ảnh"), Map.entry("status", "Trạng thái"),
            Map.entry("publishedAt", "Thời điểm đăng"));

    private static final List<String[]> STATUSES = List.of(
            new String[] {"draft", "Bản nháp"}, new String[] {"scheduled", "Hẹn giờ đăng"},
            new String[] {"published", "Đã xuất bản"}, new String[] {"archived", "Lưu trữ"});

    /** Replaces nulls by empty strings and copies the errors. */
    public ArticleForm {
        title = nz(title);
        slug = nz(slug);
        summary = nz(summary);
        body = nz(body);
        authorName = nz(authorName);
        authorPosition = nz(authorPosition);
        sourceText = nz(sourceText);
        sourceUrl = nz(sourceUrl);
        category = nz(category);
        tags = nz(tags);
        imageUrl = nz(imageUrl);
        imageAlt = nz(imageAlt);
        status = status == null || status.isEmpty() ? "draft" : status;
        publishedAt = nz(publishedAt);
        zoneLabel = nz(zoneLabel);
        errors = Map.copyOf(errors);
    }

    /** This form with these errors. */
    public ArticleForm withErrors(Map<String, String> newErrors) {
        return new ArticleForm(id, title, slug, summary, body, authorName, authorPosition, sourceText, sourceUrl,
                category, tags, imageUrl, imageAlt, status, publishedAt, zoneLabel, newErrors);
    }

    /** The Vietnamese label of a field, or the field name itself. */
    public String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /** The status choices with the current one selected. */
    public List<Option> statusOptions() {
        return STATUSES.stream().map(s -> new Option(s[0], s[1], s[0].equals(status))).toList();
    }

    /** The Vietnamese label of a status id. */
    public static String statusLabel(String id) {
        return STATUSES.stream().filter(s -> s[0].equals(id)).map(s -> s[1]).findFirst().orElse(id);
    }

    /** One {@code <option>}. */
    public record Option(String value, String label, boolean selected) {
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
