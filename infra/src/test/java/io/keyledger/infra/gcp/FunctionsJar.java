package io.keyledger.infra.gcp;

import static org.assertj.core.api.Assertions.fail;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The functions' source archive as Cloud Run functions get it ({@value #ZIP}, built by adapters-gcp before
 * this module, which depends on it for that order): its one jar, and that jar's classes loaded beside the
 * Functions Framework and CloudEvents APIs the runtime provides. The tests read the entry points, function
 * names and settings from the jar's own classes, so that a name changed on either side fails here rather
 * than at the function's first start in Google Cloud.
 */
final class FunctionsJar implements AutoCloseable {

    static final String ZIP = "adapters-gcp/target/keyledger-gcp-functions.zip";
    static final String JAR = "keyledger-gcp-functions.jar";

    /** One entry point, as {@code io.keyledger.gcp.functions.EntryPoints} declares it. */
    record EntryPoint(String className, String signature, String function, Set<String> settings) {
    }

    final Path zip;
    final List<String> zipEntries = new ArrayList<>();
    final Path jar;
    final URLClassLoader loader;

    private FunctionsJar(Path zip, Path jar, URLClassLoader loader) {
        this.zip = zip;
        this.jar = jar;
        this.loader = loader;
    }

    static FunctionsJar open(Path tmp) {
        Path zip = Terraform.directory().getParent().getParent().resolve(ZIP);
        if (!Files.isRegularFile(zip)) {
            fail("the functions' archive " + zip + " does not exist: run mvn package first "
                    + "(mvn -B -pl infra -am verify builds it before these tests)");
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            ZipEntry entry = file.getEntry(JAR);
            if (entry == null) {
                fail(zip + " holds no " + JAR + ": " + names);
            }
            Path jar = tmp.resolve(JAR);
            try (InputStream in = file.getInputStream(entry)) {
                Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), location(CloudEventsFunction.class),
                    location(CloudEvent.class)}, ClassLoader.getPlatformClassLoader());
            FunctionsJar opened = new FunctionsJar(zip, jar, loader);
            opened.zipEntries.addAll(names);
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL location(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Class<?> load(String className) {
        try {
            return loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(className + " is not in " + jar.getFileName(), e);
        }
    }

    Object constant(String className, String field) {
        try {
            Field f = load(className).getField(field);
            return f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(className + "." + field, e);
        }
    }

    List<EntryPoint> entryPoints() {
        List<EntryPoint> out = new ArrayList<>();
        for (Object e : (Collection<?>) constant("io.keyledger.gcp.functions.EntryPoints", "ALL")) {
            out.add(new EntryPoint((String) component(e, "className"), component(e, "signature").toString(),
                    (String) component(e, "function"), strings(component(e, "settings"))));
        }
        return out;
    }

    Set<String> strings(String className, String field) {
        return strings(constant(className, field));
    }

    private static Set<String> strings(Object value) {
        return Set.copyOf(((Collection<?>) value).stream().map(String.class::cast).toList());
    }

    private static Object component(Object record, String name) {
        try {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                if (c.getName().equals(name)) {
                    return c.getAccessor().invoke(record);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(record.getClass() + " has no component " + name);
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
