package dev.mailflow.probe;

public enum RunStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    INTERRUPTED
}
