package dev.mailflow.dns;

import dev.mailflow.probe.ProbeService;

/**
 * Not a test: a class that breaks the dependency rules on purpose (dns may use no other mailflow
 * package), so that ArchitectureTest can show its rules catch such a class.
 */
final class ForbiddenDependencyFixture {

    private ProbeService probes;

    ProbeService probes() {
        return probes;
    }
}
