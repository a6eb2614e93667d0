package io.bantin.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bantin's schema as plain SQL, for portals whose schema is managed by their own tool. The scripts
 * are Flyway-named ({@code V1__visits.sql}, …), run unchanged on SQLite and PostgreSQL, create only
 * tables prefixed {@code bantin_}, and are applied in version order. Either point the tool at
 * {@code classpath:io/bantin/store/migration}, or write the scripts out with {@link #export(Path)} (or
 * {@code java -cp bantin-jdbc.jar io.bantin.store.Migrations <folder>}); then open the database
 * with {@link Database#withoutMigrations(javax.sql.DataSource)}. Stateless and thread-safe.
 */
public final class Migrations {

    /**
     * Where the scripts lie on the class path (a Flyway location without the {@code classpath:}
     * prefix). Not under {@code db/migration}, which an application's own Flyway scans by default
     * (Spring Boot's does) and would then run bantin's scripts into its own history.
     */
    public static final String LOCATION = "io/bantin/store/migration";

    /**
     * Lists the bundled scripts, so the latest version is known without a classpath scan. Read
     * without Jdbi or Flyway, so that {@link #main} runs from this jar alone.
     */
    static final String INDEX = "io/bantin/store/migrations.txt";

    private static final Pattern CREATE_TABLE =
            Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(bantin_\\w+)", Pattern.CASE_INSENSITIVE);

    private Migrations() {
    }

    /**
     * One bundled script.
     *
     * @param name its file name, e.g. {@code V1__visits.sql}
     * @param sql its text
     */
    public record Script(String name, String sql) {
        /** Checks that both are present. */
        public Script {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sql, "sql");
        }

        /** The tables this script creates, in order. */
        public List<String> tables() {
            List<String> tables = new ArrayList<>();
            Matcher m = CREATE_TABLE.matcher(sql);
            while (m.find()) {
                tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            return tables;
        }
    }

    /**
     * The bundled scripts in the order they must run.
     *
     * @throws IllegalStateException if a listed script is missing from the jar
     */
    public static List<Script> scripts() {
        List<String> names = new ArrayList<>(bundled());
        names.sort((a, b) -> compare(versionOf(a), versionOf(b)));
        List<Script> scripts = new ArrayList<>();
        for (String name : names) {
            String resource = LOCATION + "/" + name;
            try (InputStream in = Migrations.class.getResourceAsStream("/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                scripts.add(new Script(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return List.copyOf(scripts);
    }

    /**
     * Writes every script into a folder (created if needed), replacing files of the same name.
     *
     * @param folder where to write
     * @return the files written, in the order they must run
     * @throws UncheckedIOException if the folder or a file cannot be written
     */
    public static List<Path> export(Path folder) {
        Objects.requireNonNull(folder, "folder");
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Script script : scripts()) {
                Path file = folder.resolve(script.name());
                Files.writeString(file, script.sql(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the migrations into " + folder, e);
        }
        return List.copyOf(written);
    }

    /**
     * Writes the scripts into the folder named by the only argument.
     *
     * @param args one folder
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp bantin-jdbc.jar io.bantin.store.Migrations <folder>");
            System.exit(2);
            return;
        }
        for (Path file : export(Path.of(args[0]))) {
            System.out.println(file);
        }
    }

    /** The migration file names listed in {@link #INDEX}. */
    static List<String> bundled() {
        InputStream in = Migrations.class.getResourceAsStream("/" + INDEX);
        if (in == null) {
            throw new IllegalStateException("missing resource " + INDEX);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> names = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }

    /** {@code V2_1__x.sql} → [2, 1]; Flyway's version separators are '.' and '_'. */
    static List<Integer> versionOf(String script) {
        int end = script.indexOf("__");
        if (!script.startsWith("V") || end < 2) {
            throw new IllegalArgumentException("not a versioned migration: " + script);
        }
        List<Integer> parts = new ArrayList<>();
        for (String part : script.substring(1, end).split("[._]")) {
            parts.add(Integer.parseInt(part));
        }
        return parts;
    }

    static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
