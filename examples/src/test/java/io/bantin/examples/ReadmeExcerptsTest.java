package io.bantin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of README.md is an excerpt of a file that the build compiles (and whose tests
 * run it), so a snippet that stops compiling or drifts from the code fails the build.
 *
 * <p>In README.md, each {@code ```java} block follows a line
 * {@code <!-- excerpt: path/in/the/repository.java#name -->}. In that file the excerpt lies between
 * the lines {@code // [readme name]} and {@code // [/readme]}; it is compared after removing the
 * indentation its lines share, trailing spaces, and the lines that end with {@code // readme: hidden}
 * (a test's assertions inside the excerpt, which the reader need not see).
 */
class ReadmeExcerptsTest {

    private static final Pattern EXCERPT = Pattern.compile("<!-- excerpt: ([^#\\s]+)#([\\w-]+) -->");
    private static final String HIDDEN = "// readme: hidden";

    /** The repository's root: this module's parent folder. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyJavaSnippetInTheReadmeIsAnExcerptOfCompiledCodeAndMatchesIt() {
        List<String> readme = lines(ROOT.resolve("README.md"));
        List<String> problems = new ArrayList<>();
        int snippets = 0;
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).strip().equals("```java")) {
                continue;
            }
            snippets++;
            int fence = i;
            List<String> snippet = new ArrayList<>();
            for (i++; i < readme.size() && !readme.get(i).strip().equals("```"); i++) {
                snippet.add(stripEnd(readme.get(i)));
            }
            Matcher marker = markerBefore(readme, fence);
            if (marker == null) {
                problems.add("README.md line " + (fence + 1) + ": a ```java block without <!-- excerpt: path#name --> on the line before");
                continue;
            }
            Path file = ROOT.resolve(marker.group(1));
            if (!Files.isRegularFile(file)) {
                problems.add("README.md line " + (fence + 1) + ": no file " + marker.group(1));
                continue;
            }
            List<String> excerpt = excerpt(file, marker.group(2));
            if (excerpt == null) {
                problems.add("README.md line " + (fence + 1) + ": no // [readme " + marker.group(2) + "] ... // [/readme] in " + marker.group(1));
            } else if (!excerpt.equals(snippet)) {
                problems.add("README.md line " + (fence + 1) + " differs from " + marker.group(1) + "#" + marker.group(2)
                        + "\n--- README.md\n" + String.join("\n", snippet) + "\n--- the code\n" + String.join("\n", excerpt));
            }
        }
        assertThat(snippets).as("Java snippets in README.md").isGreaterThanOrEqualTo(7);
        assertThat(problems).as("README.md's Java snippets").isEmpty();
    }

    @Test
    void anExcerptDropsItsHiddenLinesAndItsCommonIndentation() throws IOException {
        Path file = Files.createTempFile("excerpt", ".java");
        try {
            Files.writeString(file, String.join("\n",
                    "class X {",
                    "    void m() {",
                    "        // [readme demo]",
                    "        int a = 1;   ",
                    "        if (a > 0) {",
                    "            a++;",
                    "            check(a); // readme: hidden",
                    "        }",
                    "        // [/readme]",
                    "    }",
                    "}"));
            assertThat(excerpt(file, "demo")).containsExactly("int a = 1;", "if (a > 0) {", "    a++;", "}");
            assertThat(excerpt(file, "other")).isNull();
        } finally {
            Files.delete(file);
        }
    }

    /** The marker on the line before the fence (blank lines between are allowed), or null. */
    private static Matcher markerBefore(List<String> readme, int fence) {
        for (int j = fence - 1; j >= 0; j--) {
            String line = readme.get(j).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = EXCERPT.matcher(line);
            return m.matches() ? m : null;
        }
        return null;
    }

    /** The named excerpt of a file as the README shows it, or null when the file has none by that name. */
    static List<String> excerpt(Path file, String name) {
        List<String> raw = null;
        for (String line : lines(file)) {
            String s = line.strip();
            if (raw == null) {
                if (s.equals("// [readme " + name + "]")) {
                    raw = new ArrayList<>();
                }
            } else if (s.equals("// [/readme]")) {
                return dedent(raw);
            } else if (!s.endsWith(HIDDEN)) {
                raw.add(stripEnd(line));
            }
        }
        return null;
    }

    private static List<String> dedent(List<String> raw) {
        int indent = raw.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return raw.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    private static String stripEnd(String line) {
        return line.stripTrailing();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
