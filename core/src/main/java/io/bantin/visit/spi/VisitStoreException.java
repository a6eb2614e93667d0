package io.bantin.visit.spi;

/** A {@link VisitStore} could not read or write; unchecked. Nothing recorded in memory is lost. */
public class VisitStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message and its cause. */
    public VisitStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An exception with a message. */
    public VisitStoreException(String message) {
        super(message);
    }
}
