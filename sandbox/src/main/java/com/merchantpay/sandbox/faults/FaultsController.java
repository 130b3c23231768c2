package com.merchantpay.sandbox.faults;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import java.util.Map;
import org.springframework.web.server.ServerWebInputException;

/** Flip the switches at runtime: {@code PUT} replaces them all, {@code DELETE} turns them all off. */
@RestController
@RequestMapping("/sandbox/faults")
class FaultsController {

    private final FaultSwitchboard switchboard;

    FaultsController(FaultSwitchboard switchboard) {
        this.switchboard = switchboard;
    }

    @GetMapping
    FaultSettings current() {
        return switchboard.current();
    }

    @PutMapping
    FaultSettings replace(@RequestBody FaultSettings settings) {
        switchboard.apply(settings);
        return switchboard.current();
    }

    @DeleteMapping
    FaultSettings reset() {
        switchboard.reset();
        return switchboard.current();
    }

    /** A body Jackson could not bind; the innermost cause says which field was wrong. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, String>> unreadable(ServerWebInputException unreadable) {
        Throwable cause = unreadable.getMostSpecificCause();
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Map.of("error", cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> invalid(IllegalArgumentException invalid) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", String.valueOf(invalid.getMessage())));
    }
}
