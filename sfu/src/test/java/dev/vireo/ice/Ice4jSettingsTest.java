package dev.vireo.ice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.ice4j.ice.harvest.HarvestConfig;
import org.junit.jupiter.api.Test;

class Ice4jSettingsTest {
    @Test
    void awsProbeIsOffOnceAnEndpointClassIsLoaded() throws Exception {
        Class.forName(IceEndpoint.class.getName()); // runs the settings before ice4j reads its configuration
        // with it on, the first Agent would send HTTP requests to 169.254.169.254
        assertFalse(HarvestConfig.config.enableAwsHarvester());
    }

    /**
     * In the server, the settings loader reads Typesafe Config's reference configuration (which snapshots the System
     * properties) before the SFU starts. The AWS probe must still be off: checked in a fresh JVM, where that order
     * is certain.
     */
    @Test
    void awsProbeStaysOffWhenConfigWasReadBeforeTheSfuStarted() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConfigReadFirst.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertTrue(output.contains("aws-harvester=false"), output);
    }

    /** On a one-CPU box (or a container limited to one) the shared media port must still bind. */
    @Test
    void anEndpointStartsOnOneCpu() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=1", "-cp", System.getProperty("java.class.path"),
                OneCpuEndpoint.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertTrue(output.contains("bound on port "), output);
    }

    /** Starts an endpoint on 127.0.0.1 with whatever CPU count the JVM was given. */
    static final class OneCpuEndpoint {
        public static void main(String[] args) throws Exception {
            try (IceEndpoint endpoint = new IceEndpoint(new java.net.InetSocketAddress("127.0.0.1", 0),
                    java.net.InetAddress.getByName("127.0.0.1"), java.util.List.of())) {
                System.out.println("bound on port " + endpoint.port() + " with "
                        + Runtime.getRuntime().availableProcessors() + " CPU");
            }
        }
    }

    /** The server's start-up order, in a JVM of its own. */
    static final class ConfigReadFirst {
        public static void main(String[] args) throws Exception {
            ConfigFactory.defaultReference(ConfigReadFirst.class.getClassLoader());
            ConfigFactory.load();
            Class.forName(IceEndpoint.class.getName());
            System.out.println("aws-harvester=" + HarvestConfig.config.enableAwsHarvester());
        }
    }
}
