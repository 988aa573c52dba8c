package dev.vireo.signaling;

import com.typesafe.config.ConfigFactory;

/**
 * Keeps ice4j on loopback in tests. On its first ICE agent, ice4j's AWS mapping harvester asks the EC2 metadata
 * service ({@code http://169.254.169.254/latest/api/token}) whether the machine is an EC2 instance; the network rule
 * allows tests to reach only loopback, so the tests switch that harvester off before ice4j reads its configuration
 * (the system properties, as Typesafe Config caches them). Call before anything starts an SFU.
 */
public final class LoopbackOnlyIce {
    private LoopbackOnlyIce() {
    }

    public static synchronized void ensure() {
        if (!"false".equals(System.getProperty("ice4j.harvest.mapping.aws.enabled"))) {
            System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
            ConfigFactory.invalidateCaches();
        }
    }
}
