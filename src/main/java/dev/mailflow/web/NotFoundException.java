package dev.mailflow.web;

/** A run or a code that does not exist; pages answer with a friendly 404, the API with a problem. */
class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
