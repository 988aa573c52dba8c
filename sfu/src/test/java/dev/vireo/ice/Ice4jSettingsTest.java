package dev.vireo.ice;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.ice4j.ice.harvest.HarvestConfig;
import org.junit.jupiter.api.Test;

class Ice4jSettingsTest {
    @Test
    void awsProbeIsOffOnceAnEndpointClassIsLoaded() throws Exception {
        Class.forName(IceEndpoint.class.getName()); // runs the settings before ice4j reads its configuration
        // with it on, the first Agent would send HTTP requests to 169.254.169.254
        assertFalse(HarvestConfig.config.enableAwsHarvester());
    }
}
